import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
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
  productName?: string;
  files?: string[];
  asarUnpack?: string[];
  fileAssociations?: { ext: string }[];
  mac?: PlatformConfig;
  win?: PlatformConfig;
  linux?: PlatformConfig;
}

const config = yaml.load(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const productName = config.productName as string;

type Platform = 'mac' | 'win' | 'linux';
type FileFilter = (file: string, stat: { moduleFullFilePath: string; isDirectory(): boolean }) => boolean;
const { getNodeModuleFileMatcher } = require('app-builder-lib/out/fileMatcher.js') as {
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformOptions: PlatformConfig,
    packager: { config: BuilderConfig; debugLogger: { isEnabled: boolean } },
  ): { createFilter(): FileFilter };
};
const { expandMacro } = require('app-builder-lib/out/util/macroExpander.js') as {
  expandMacro(pattern: string, arch: string, appInfo: Record<string, string>): string;
};

/**
 * Whether electron-builder copies `node_modules/...` into the installer for a platform and
 * architecture: its own node-module matcher, built from electron-builder.yml as `npm run dist` does.
 */
function shipped(platform: Platform, arch: string): (path: string) => boolean {
  const expand = (pattern: string) => expandMacro(pattern, arch, { productFilename: 'Marque', productName: 'Marque' });
  const matcher = getNodeModuleFileMatcher('/app', '/app', expand, config[platform] ?? {}, {
    config,
    debugLogger: { isEnabled: false },
  });
  const filter = matcher.createFilter();
  return (path) => filter(join('/app', path), { moduleFullFilePath: path, isDirectory: () => false });
}

const NODE_MODULES = join(REPO_ROOT, 'node_modules');
const optionalPackages = (name: string): string[] =>
  Object.keys(
    (
      JSON.parse(readFileSync(join(NODE_MODULES, name, 'package.json'), 'utf8')) as {
        optionalDependencies?: Record<string, string>;
      }
    ).optionalDependencies ?? {},
  );
/** Every platform build of the native packages the app loads, as their own manifests list them. */
const NATIVE_PACKAGES = [
  ...optionalPackages('sharp'),
  ...optionalPackages('@napi-rs/canvas'),
  ...optionalPackages('@napi-rs/nice'),
].filter((name) => name !== '@img/colour');
const SQLITE_PREBUILDS = readdirSync(join(NODE_MODULES, 'better-sqlite3/prebuilds'));

/** Files of an installed package, relative to the app folder (`node_modules/<name>/...`). */
function packageFiles(name: string): string[] {
  const root = join(NODE_MODULES, name);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(root, file)).isFile())
    .map((file) => relative(REPO_ROOT, join(root, file)).replaceAll('\\', '/'));
}
const bytesOf = (files: readonly string[]) =>
  files.reduce((sum, file) => sum + statSync(join(REPO_ROOT, file)).size, 0);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
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

  it("ships each installer only its own platform's native binaries (macOS: both architectures, for universal)", () => {
    const targets: readonly [Platform, string, string][] = [
      ['linux', 'x64', 'linux'],
      ['linux', 'arm64', 'linux'],
      ['win', 'x64', 'win32'],
      ['win', 'arm64', 'win32'],
      ['mac', 'x64', 'darwin'],
      ['mac', 'arm64', 'darwin'],
    ];
    expect(NATIVE_PACKAGES.length).toBeGreaterThan(40);
    expect(SQLITE_PREBUILDS.length).toBeGreaterThanOrEqual(6);
    for (const [platform, arch, os] of targets) {
      const ships = shipped(platform, arch);
      // The platform part of a package name: sharp-libvips-linux-x64, canvas-win32-x64-msvc, nice-darwin-arm64.
      const wanted = (build: string) =>
        platform === 'mac'
          ? build.startsWith('darwin-')
          : [`${os}-${arch}`, `${os}-${arch}-gnu`, `${os}-${arch}-msvc`].includes(build);
      const build = (name: string) => name.replace(/^@img\/sharp-(libvips-)?|^@napi-rs\/(canvas|nice)-/, '');
      const kept = NATIVE_PACKAGES.filter((name) => ships(`node_modules/${name}/lib/binding.node`));
      expect(kept.sort(), `${platform} ${arch}`).toEqual(NATIVE_PACKAGES.filter((name) => wanted(build(name))).sort());
      const prebuilds = SQLITE_PREBUILDS.filter((file) => ships(`node_modules/better-sqlite3/prebuilds/${file}`));
      expect(prebuilds.sort(), `${platform} ${arch}`).toEqual(
        SQLITE_PREBUILDS.filter((file) => wanted(file.replace(/\.node$/, ''))).sort(),
      );
      // What loads those binaries still ships.
      for (const file of ['sharp/lib/index.js', '@napi-rs/canvas/index.js', 'better-sqlite3/lib/index.js'])
        expect(ships(`node_modules/${file}`), file).toBe(true);
    }
    const kept = shipped('linux', 'x64');
    const sqlite = packageFiles('better-sqlite3');
    const sqliteKept = sqlite.filter(kept);
    expect(sqliteKept.filter((file) => file.includes('/deps/') || file.includes('/src/'))).toEqual([]);
    console.log(`better-sqlite3 in the Linux x64 installer: ${mb(bytesOf(sqliteKept))} of ${mb(bytesOf(sqlite))}`);
  });

  it('ships only the pdf.js build the intake imports, with the data folders it reads', () => {
    // What src/main/core/intake/pdf/open-pdf.ts loads: the module it imports and the folders it points pdf.js at.
    const source = readFileSync(join(REPO_ROOT, 'src/main/core/intake/pdf/open-pdf.ts'), 'utf8');
    const imported = [...new Set([...source.matchAll(/import\('(pdfjs-dist\/[^']+)'\)/g)].map((m) => m[1] as string))];
    const folders = [...source.matchAll(/pdfjsFolder\('([a-z_]+)'\)/g)].map((m) => m[1] as string);
    expect(imported).toEqual(['pdfjs-dist/legacy/build/pdf.mjs']);
    expect(folders.sort()).toEqual(['cmaps', 'standard_fonts', 'wasm']);
    // pdf.js under Node runs its worker in-process from the file beside the build.
    const needed = [
      'node_modules/pdfjs-dist/legacy/build/pdf.mjs',
      'node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs',
    ];
    const all = packageFiles('pdfjs-dist');
    for (const platform of ['linux', 'win', 'mac'] as const) {
      const kept = all.filter(shipped(platform, 'x64'));
      for (const file of needed) expect(kept, platform).toContain(file);
      for (const folder of folders) {
        const data = all.filter((file) => file.startsWith(`node_modules/pdfjs-dist/${folder}/`));
        expect(data.length, folder).toBeGreaterThan(0);
        expect(
          data.filter((file) => !kept.includes(file)),
          folder,
        ).toEqual([]);
      }
      // No other code outside those folders: no other build, no viewer, no minified or source-map copies.
      const inDataFolder = (file: string) => folders.some((f) => file.startsWith(`node_modules/pdfjs-dist/${f}/`));
      const code = kept.filter((file) => /\.(m?js|map)$/.test(file) && !inDataFolder(file));
      expect(code.sort(), platform).toEqual([...needed].sort());
      if (platform === 'linux') console.log(`pdfjs-dist in an installer: ${mb(bytesOf(kept))} of ${mb(bytesOf(all))}`);
    }
  });
});

interface Workflow {
  jobs: Record<
    string,
    {
      strategy: { matrix: { include: { os: string; args: string; smoke_args: string; smoke_app: string }[] } };
      steps: { run?: string; env?: Record<string, string> }[];
    }
  >;
}

describe('release workflow (.github/workflows/release.yml)', () => {
  const workflow = yaml.load(readFileSync(join(REPO_ROOT, '.github/workflows/release.yml'), 'utf8')) as Workflow;
  const build = workflow.jobs.build;
  /** A GitHub Actions expression naming a matrix field, as the workflow writes it. */
  const matrixField = (key: string) => `$\{{ matrix.${key} }}`;

  it('launches the packaged app on every OS and runs the Electron smoke test against it', () => {
    const include = build?.strategy.matrix.include ?? [];
    expect(include.map((entry) => entry.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    const smoke = (build?.steps ?? []).filter((step) => step.run?.includes('test/e2e/electron-smoke.test.ts'));
    expect(smoke.length).toBeGreaterThan(0);
    for (const step of smoke) expect(step.env?.MARQUE_ELECTRON_APP).toBe(matrixField('smoke_app'));
    const pack = (build?.steps ?? []).find((step) => step.run?.includes(`--dir ${matrixField('smoke_args')}`));
    expect(pack?.run).toContain('-c.directories.output=dist-smoke');
    // Where electron-builder puts each unpacked app: the names come from this config.
    const apps = Object.fromEntries(include.map((entry) => [entry.os, entry.smoke_app]));
    expect(apps['ubuntu-latest']).toBe(
      `dist-smoke/linux-unpacked/${(config.linux as { executableName?: string }).executableName}`,
    );
    expect(apps['windows-latest']).toBe(`dist-smoke/win-unpacked/${productName}.exe`);
    expect(apps['macos-latest']).toBe(`dist-smoke/mac-arm64/${productName}.app/Contents/MacOS/${productName}`);
  });
});

/** Packages the app's own code imports, by package name (`sharp`, `@napi-rs/canvas`). */
function importedPackages(folder: string): Set<string> {
  const found = new Set<string>();
  const root = join(REPO_ROOT, folder);
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(ts|tsx|mjs)$/.test(file)) continue;
    // Comments mention packages and event names in quotes; only code counts.
    const text = readFileSync(join(root, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*|import\s+)'([^'.][^']*)'/g)) {
      const specifier = match[1] as string;
      if (specifier.startsWith('node:')) continue;
      const parts = specifier.split('/');
      found.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string));
    }
  }
  return found;
}

describe('runtime dependencies (what electron-builder copies into every installer)', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  it('are only packages the app imports at run time (tests-only packages such as ase-utils are dev)', () => {
    const used = importedPackages('src');
    const unused = Object.keys(pkg.dependencies).filter((name) => !used.has(name));
    expect(unused).toEqual([]);
    // ase-utils is the independent .ase implementation the swatch-book tests read against.
    expect(pkg.devDependencies['ase-utils']).toBeDefined();
    expect(importedPackages('src').has('ase-utils')).toBe(false);
  });

  it('include everything the main process, its workers and the CLI import (main externalizes them)', () => {
    const runtime = new Set([...Object.keys(pkg.dependencies), 'electron']);
    const missing = [...importedPackages('src/main')].filter((name) => !runtime.has(name));
    expect(missing).toEqual([]);
  });
});
