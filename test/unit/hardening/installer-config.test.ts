import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeIco } from '../../../src/main/core/pipeline/processors/favicon/ico.ts';
import { REPO_ROOT } from '../../helpers/node24.ts';

/**
 * What electron-builder will read when a machine with the Electron binary runs `npm run dist`
 * (none can here): the icons it packages and the settings that decide whether the app loads.
 */
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface PlatformConfig {
  icon?: string;
  target?: ({ target: string; arch?: string } | string)[];
  notarize?: unknown;
}
interface BuilderConfig {
  asarUnpack?: string[];
  fileAssociations?: { ext: string }[];
  mac?: PlatformConfig;
  win?: PlatformConfig;
  linux?: PlatformConfig;
}

const config = yaml.load(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const targets = (platform?: PlatformConfig) =>
  (platform?.target ?? []).map((entry) => (typeof entry === 'string' ? entry : `${entry.target}:${entry.arch}`));

describe('installer configuration (electron-builder.yml)', () => {
  it('builds the targets issue 8 names: dmg + zip universal, nsis, AppImage + deb', () => {
    expect(targets(config.mac)).toEqual(['dmg:universal', 'zip:universal']);
    expect(targets(config.win)).toEqual(['nsis']);
    expect(targets(config.linux)).toEqual(['AppImage', 'deb']);
    expect(config.fileAssociations?.map((entry) => entry.ext).sort()).toEqual(['png', 'svg']);
  });

  it('unpacks every native module from the asar (better-sqlite3, sharp and libvips)', () => {
    for (const name of ['better-sqlite3', 'sharp', '@img'])
      expect(config.asarUnpack).toContain(`**/node_modules/${name}/**`);
  });

  it('leaves notarization to the environment instead of switching it off', () => {
    expect(config.mac?.notarize).not.toBe(false);
  });

  it('has the app icon in every form the platforms take: a 1024 px PNG and a multi-size ICO', async () => {
    expect([config.mac?.icon, config.linux?.icon, config.win?.icon]).toEqual([
      'resources/icon.png',
      'resources/icon.png',
      'resources/icon.ico',
    ]);
    const png = await sharp(readFileSync(join(REPO_ROOT, 'resources/icon.png'))).metadata();
    expect([png.format, png.width, png.height, png.hasAlpha]).toEqual(['png', 1024, 1024, true]);
    const entries = decodeIco(new Uint8Array(readFileSync(join(REPO_ROOT, 'resources/icon.ico'))), 'icon.ico');
    expect(entries.map((entry) => entry.width)).toEqual([256, 128, 64, 48, 32, 24, 16]);
    for (const entry of entries) {
      expect(entry.kind).toBe('png');
      const frame = await sharp(entry.data).metadata();
      expect([frame.width, frame.height]).toEqual([entry.width, entry.height]);
    }
  });
});
