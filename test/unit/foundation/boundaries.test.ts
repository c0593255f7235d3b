import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/node24.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const run = promisify(execFile);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(REPO_ROOT, dir), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
}

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    specifiers.push((match[1] ?? match[2] ?? match[3]) as string);
  }
  return specifiers;
}

describe('process boundaries (docs/architecture.md)', () => {
  it('no file under src/main/core or src/shared imports electron', async () => {
    const offenders: string[] = [];
    for (const file of [...(await sourceFiles('src/main/core')), ...(await sourceFiles('src/shared'))]) {
      if (importsOf(await readFile(file, 'utf8')).some((s) => s === 'electron' || s.startsWith('electron/')))
        offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it('no file under src/renderer or src/shared imports a Node builtin', async () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const offenders: string[] = [];
    for (const file of [...(await sourceFiles('src/renderer')), ...(await sourceFiles('src/shared'))]) {
      const bad = importsOf(await readFile(file, 'utf8')).filter((s) => builtins.has(s) || s.startsWith('node:'));
      if (bad.length) offenders.push(`${file}: ${bad.join(', ')}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the renderer never imports main or preload code', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles('src/renderer')) {
      if (importsOf(await readFile(file, 'utf8')).some((s) => /\/(main|preload)\//.test(s))) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});

/**
 * One planted file per rule, each a single import across a boundary, at the path the rule guards.
 * `ok` files hold the imports each folder is allowed, so an over-broad rule fails too.
 */
const PLANTED_IMPORTS: readonly { readonly file: string; readonly source: string; readonly ok?: true }[] = [
  // The renderer: no core, main, preload, electron (any entry) or Node builtin (bare or node:).
  { file: 'src/renderer/src/core.ts', source: "import { createStudio } from '../../main/core/studio.ts';" },
  { file: 'src/renderer/src/electron-main.ts', source: "import { app } from 'electron/main';" },
  { file: 'src/renderer/src/electron.ts', source: "import { ipcRenderer } from 'electron';" },
  { file: 'src/renderer/src/worker-threads.ts', source: "import { Worker } from 'node:worker_threads';" },
  { file: 'src/renderer/src/bare-worker-threads.ts', source: "import { Worker } from 'worker_threads';" },
  { file: 'src/renderer/src/fs-promises.ts', source: "import { readFile } from 'fs/promises';" },
  { file: 'src/renderer/src/preload.ts', source: "import type { PreloadBridge } from '../../preload/index.ts';" },
  { file: 'src/renderer/src/shell.ts', source: "import { buildMenu } from '../../main/shell/menu.ts';" },
  {
    file: 'src/renderer/src/allowed.ts',
    source:
      "import { z } from 'zod';\nimport { methods } from '../../shared/contract/index.ts';\nimport './styles/app.css';",
    ok: true,
  },
  // The preload: electron's renderer side and the shared name list only.
  { file: 'src/preload/core.ts', source: "import { openDatabase } from '../main/core/database/database.ts';" },
  { file: 'src/preload/node-fs.ts', source: "import { readFileSync } from 'node:fs';" },
  { file: 'src/preload/bare-path.ts', source: "import { join } from 'path';" },
  { file: 'src/preload/ipc-main.ts', source: "import { ipcMain } from 'electron';" },
  { file: 'src/preload/electron-main.ts', source: "import { BrowserWindow } from 'electron/main';" },
  { file: 'src/preload/contract.ts', source: "import { methods } from '../shared/contract/index.ts';" },
  { file: 'src/preload/zod.ts', source: "import { z } from 'zod';" },
  { file: 'src/preload/renderer.ts', source: "import { useLibrary } from '../renderer/src/stores/library.ts';" },
  {
    file: 'src/preload/allowed.ts',
    source:
      "import { contextBridge, ipcRenderer, webUtils } from 'electron';\nimport { isMethodName } from '../shared/contract/names.ts';\nimport { BRIDGE_CHANNELS } from './channels.ts';",
    ok: true,
  },
  // Core and CLI: no electron, renderer, preload or shell.
  { file: 'src/main/core/electron.ts', source: "import { app } from 'electron';" },
  { file: 'src/main/core/electron-main.ts', source: "import { BrowserWindow } from 'electron/main';" },
  {
    file: 'src/main/core/renderer.ts',
    source: "import { RECIPES } from '../../renderer/src/screens/Export/recipe-catalog.ts';",
  },
  { file: 'src/main/core/preload.ts', source: "import { BRIDGE_CHANNELS } from '../../preload/channels.ts';" },
  { file: 'src/main/core/shell.ts', source: "import { buildMenu } from '../shell/menu.ts';" },
  { file: 'src/main/cli/commands/electron.ts', source: "import { app } from 'electron';" },
  { file: 'src/main/cli.ts', source: "import { dialog } from 'electron';" },
  {
    file: 'src/main/core/allowed.ts',
    source:
      "import { readFile } from 'node:fs/promises';\nimport { Worker } from 'node:worker_threads';\nimport { MarqueError } from '../../shared/errors.ts';",
    ok: true,
  },
  // Inside the core: the HTTP server never imports the share built on it (no cycle), and keeps
  // the core's rules.
  { file: 'src/main/core/server/share.ts', source: "import { ShareService } from '../share/share-service.ts';" },
  { file: 'src/main/core/server/electron.ts', source: "import { app } from 'electron';" },
  {
    file: 'src/main/core/server/shell.ts',
    source: "import { buildMenu } from '../../shell/menu.ts';",
  },
  {
    file: 'src/main/core/share/allowed.ts',
    source: "import { newToken } from '../server/auth.ts';",
    ok: true,
  },
  // The shell: electron and the core, but never the renderer; only the channel names of the preload;
  // raw ipcMain only in the binding (shell/ipc.ts).
  {
    file: 'src/main/shell/renderer.ts',
    source: "import { RECIPES } from '../../renderer/src/screens/Export/recipe-catalog.ts';",
  },
  { file: 'src/main/shell/preload.ts', source: "import type { PreloadBridge } from '../../preload/index.ts';" },
  { file: 'src/main/shell/menu-ipc.ts', source: "import { ipcMain } from 'electron';" },
  { file: 'src/main/index.ts', source: "import { app, ipcMain } from 'electron';" },
  {
    file: 'src/main/shell/ipc.ts',
    source: "import { ipcMain } from 'electron';\nimport { BRIDGE_CHANNELS } from '../../preload/channels.ts';",
    ok: true,
  },
  {
    file: 'src/main/shell/allowed.ts',
    source:
      "import { app } from 'electron';\nimport { BRIDGE_CHANNELS } from '../../preload/channels.ts';\nimport { createStudio } from '../core/studio.ts';",
    ok: true,
  },
  // Shared: loaded by every process, so no Node, electron, or anything else in src.
  { file: 'src/shared/node-path.ts', source: "import { join } from 'node:path';" },
  { file: 'src/shared/bare-events.ts', source: "import { EventEmitter } from 'events';" },
  { file: 'src/shared/bare-crypto.ts', source: "import { randomUUID } from 'crypto';" },
  { file: 'src/shared/electron.ts', source: "import { app } from 'electron';" },
  { file: 'src/shared/core.ts', source: "import type { Studio } from '../main/core/studio.ts';" },
  {
    file: 'src/shared/renderer.ts',
    source: "import { RECIPES } from '../renderer/src/screens/Export/recipe-catalog.ts';",
  },
  { file: 'src/shared/preload.ts', source: "import { BRIDGE_CHANNELS } from '../preload/channels.ts';" },
  {
    file: 'src/shared/allowed.ts',
    source: "import { z } from 'zod';\nimport { MarqueError } from './errors.ts';",
    ok: true,
  },
];

/** Globals of the wrong runtime: only the split TypeScript projects can see these. */
const PLANTED_GLOBALS: readonly { readonly file: string; readonly source: string; readonly ok?: true }[] = [
  { file: 'src/renderer/src/process-env.ts', source: 'export const home = process.env.HOME;' },
  { file: 'src/renderer/src/buffer.ts', source: "export const bytes = Buffer.from('x');" },
  { file: 'src/main/core/document.ts', source: 'export const title = document.title;' },
  { file: 'src/main/core/window.ts', source: 'export const width = window.innerWidth;' },
  { file: 'src/shared/buffer.ts', source: "export const bytes = Buffer.from('x');" },
  { file: 'src/shared/document.ts', source: 'export const title = document.title;' },
  { file: 'src/renderer/src/dom-ok.ts', source: 'export const title = document.title;', ok: true },
  { file: 'src/main/core/node-ok.ts', source: 'export const home = process.env.HOME;', ok: true },
  { file: 'src/shared/portable-ok.ts', source: "export const bytes = new TextEncoder().encode('x');", ok: true },
];

async function plant(root: string, files: readonly { readonly file: string; readonly source: string }[]) {
  for (const { file, source } of files) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), `${source}\n`);
  }
}

/** Files the command's output names (biome's JSON diagnostics, or tsc's `file(line,col): error`). */
function flagged(output: string, pattern: RegExp): Set<string> {
  return new Set([...output.matchAll(pattern)].map((match) => (match[1] as string).replaceAll('\\', '/')));
}

/** Runs a node script to its end, failing or not, and returns what it printed. */
async function runCollecting(
  file: string,
  args: readonly string[],
  cwd: string,
): Promise<{ readonly stdout: string; readonly stderr: string }> {
  try {
    return await run(process.execPath, [file, ...args], { cwd, maxBuffer: 32 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { stdout, stderr };
  }
}

/** A temp folder holding copies of the repository's lint and type configs and the planted files. */
async function plantedTree(files: readonly { readonly file: string; readonly source: string }[]) {
  const dir = await tempDir('marque-boundaries-');
  for (const config of ['biome.json', 'tsconfig.base.json', 'tsconfig.web.json', 'tsconfig.node.json'])
    await copyFile(join(REPO_ROOT, config), join(dir.path, config));
  await mkdir(join(dir.path, 'src/renderer/src/types'), { recursive: true });
  await copyFile(
    join(REPO_ROOT, 'src/renderer/src/types/qrcode.d.ts'),
    join(dir.path, 'src/renderer/src/types/qrcode.d.ts'),
  );
  // Type definitions (node, react) resolve from the repository's node_modules.
  await symlink(join(REPO_ROOT, 'node_modules'), join(dir.path, 'node_modules'), 'junction');
  await plant(dir.path, files);
  return dir;
}

describe('every boundary fails lint or typecheck when crossed (planted in a temp copy of the configs)', () => {
  const dirs: { cleanup: () => Promise<void> }[] = [];
  afterAll(async () => {
    for (const dir of dirs) await dir.cleanup();
  });

  it('biome (the real biome.json) refuses each forbidden import and passes the allowed ones', async () => {
    const dir = await plantedTree(PLANTED_IMPORTS);
    dirs.push(dir);
    const files = PLANTED_IMPORTS.map((entry) => entry.file);
    const biome = join(REPO_ROOT, 'node_modules/@biomejs/biome/bin/biome');
    const { stdout } = await runCollecting(
      biome,
      ['lint', '--reporter=json', '--max-diagnostics=none', ...files],
      dir.path,
    );
    const report = JSON.parse(stdout) as { diagnostics: { category?: string; location?: { path?: string } }[] };
    const refused = new Set(
      report.diagnostics
        .filter((d) => d.category === 'lint/style/noRestrictedImports')
        .map((d) => d.location?.path?.replaceAll('\\', '/')),
    );
    const missed = PLANTED_IMPORTS.filter((entry) => !entry.ok && !refused.has(entry.file)).map((entry) => entry.file);
    const wronglyRefused = PLANTED_IMPORTS.filter((entry) => entry.ok && refused.has(entry.file)).map((e) => e.file);
    expect(missed).toEqual([]);
    expect(wronglyRefused).toEqual([]);
    expect(PLANTED_IMPORTS.filter((entry) => !entry.ok).length).toBeGreaterThanOrEqual(30);
  });

  it("the web and node TypeScript projects refuse the other runtime's globals", async () => {
    const dir = await plantedTree(PLANTED_GLOBALS);
    dirs.push(dir);
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const errors = /^(src\/[^(]+)\(\d+,\d+\): error/gm;
    const [web, node] = await Promise.all([
      runCollecting(tsc, ['-p', 'tsconfig.web.json'], dir.path),
      runCollecting(tsc, ['-p', 'tsconfig.node.json'], dir.path),
    ]);
    const refused = new Set([...flagged(web.stdout, errors), ...flagged(node.stdout, errors)]);
    const missed = PLANTED_GLOBALS.filter((entry) => !entry.ok && !refused.has(entry.file)).map((entry) => entry.file);
    const wronglyRefused = PLANTED_GLOBALS.filter((entry) => entry.ok && refused.has(entry.file)).map((e) => e.file);
    expect(missed).toEqual([]);
    expect(wronglyRefused).toEqual([]);
  });
});
