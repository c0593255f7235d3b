import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/node24.ts';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  electronFuses?: Record<string, unknown>;
  asar?: unknown;
}

const config = yaml.load(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('Electron fuses flipped at packaging (electron-builder.yml)', () => {
  it('sets every fuse docs/security.md and issue 8 name', () => {
    expect(config.electronFuses).toMatchObject({
      // No ELECTRON_RUN_AS_NODE: the app binary cannot be used as a plain Node.
      runAsNode: false,
      // NODE_OPTIONS and --inspect cannot inject code into the packaged app.
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      // The app code is the signed asar, checked at load.
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('uses only fuse names electron-builder knows (a typo would silently leave a fuse at its default)', () => {
    const types = readFileSync(require.resolve('app-builder-lib/out/configuration.d.ts'), 'utf8');
    const block = /interface FuseOptionsV1 \{([\s\S]*?)\n\}/.exec(types)?.[1] ?? '';
    const known = [...block.matchAll(/^\s+(\w+)\?: boolean;/gm)].map((m) => m[1]);
    expect(known.length).toBeGreaterThan(5);
    for (const name of Object.keys(config.electronFuses ?? {})) expect(known).toContain(name);
  });

  it('never needs RunAsNode: the Electron shell starts isolated processes with utilityProcess, not child_process.fork', () => {
    const shell = readFileSync(join(REPO_ROOT, 'src/main/index.ts'), 'utf8');
    expect(shell).toMatch(/spawn:\s*forkUtilityProcess/);
    expect(readFileSync(join(REPO_ROOT, 'src/main/shell/utility-process.ts'), 'utf8')).toContain('utilityProcess.fork');
  });
});
