/**
 * The first minutes of a newcomer (README, Get started): `npm ci` needs a lock that lists every
 * platform's optional packages; `npm start` without the Electron binary and `marque` on an old
 * Node must say what to do instead of failing with an unrelated error.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_ENTRY, REPO_ROOT } from '../../helpers/node24.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const run = promisify(execFile);

/** Runs node to its end, failing or not. */
async function node(args: readonly string[], cwd = REPO_ROOT) {
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: code ?? -1, stdout, stderr };
  }
}

interface LockedPackage {
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

/** Where Node would find `name` from the package at `path`: its own node_modules, then each parent's. */
function resolveLocked(packages: Readonly<Record<string, LockedPackage>>, path: string, name: string): boolean {
  for (let base = path; ; ) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (base === '') return false;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent >= 0 ? base.slice(0, parent) : '';
  }
}

describe('reproducible set-up', () => {
  it('the lock lists every optional package of every locked package (other platforms too), so npm ci works anywhere', async () => {
    const lock = JSON.parse(await readFile(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      lockfileVersion: number;
      packages: Record<string, LockedPackage>;
    };
    expect(lock.lockfileVersion).toBe(3);
    const wanted = Object.entries(lock.packages).flatMap(([path, pkg]) =>
      Object.keys(pkg.optionalDependencies ?? {}).map((name) => ({ path, name })),
    );
    // sharp, biome, esbuild and canvas each ship a package per platform.
    expect(wanted.length).toBeGreaterThan(50);
    const missing = wanted.filter(({ path, name }) => !resolveLocked(lock.packages, path, name));
    expect(missing.map(({ path, name }) => `${path || '(root)'} -> ${name}`)).toEqual([]);
  });

  it('.ci/run installs every command-line tool a test runs (a fresh CI machine has only Debian base)', async () => {
    const files = (await readdir(join(REPO_ROOT, 'test'), { recursive: true, encoding: 'utf8' })).filter((file) =>
      file.endsWith('.ts'),
    );
    const tools = new Set<string>();
    for (const file of files) {
      const text = await readFile(join(REPO_ROOT, 'test', file), 'utf8');
      // A tool named as the command of a child process: execFileSync('gs', …) or spawn(\n 'gs', …).
      for (const match of text.matchAll(/\b(?:execFileSync|execFile|spawnSync|spawn)\(\s*'([a-z][\w-]*)'/g))
        tools.add(match[1] as string);
    }
    // In every Debian base system (coreutils, mount, dash), so never installed.
    const base = new Set(['sh', 'cp', 'mkfifo', 'mount', 'umount', 'mountpoint']);
    const ci = await readFile(join(REPO_ROOT, '.ci/run'), 'utf8');
    const installed = new Set([...ci.matchAll(/command -v ([\w-]+) >\/dev\/null \|\| missing\+=/g)].map((m) => m[1]));
    expect(tools.size).toBeGreaterThanOrEqual(4);
    expect([...tools].filter((tool) => !base.has(tool) && !installed.has(tool)).sort()).toEqual([]);
  });

  describe('npm start without the Electron binary (scripts/check-electron.mjs)', () => {
    let dir: Awaited<ReturnType<typeof tempDir>>;
    beforeEach(async () => {
      // A checkout of its own: the script looks for node_modules/electron beside scripts/.
      dir = await tempDir('marque-check-electron-');
      await mkdir(join(dir.path, 'scripts'));
      await mkdir(join(dir.path, 'node_modules/electron'), { recursive: true });
      await copyFile(join(REPO_ROOT, 'scripts/check-electron.mjs'), join(dir.path, 'scripts/check-electron.mjs'));
    });
    afterEach(() => dir.cleanup());

    it('says exactly what to run when the binary is missing, and passes once it is there', async () => {
      const script = join(dir.path, 'scripts/check-electron.mjs');
      const missing = await node([script]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('node node_modules/electron/install.js');
      expect(missing.stderr).toContain('npx marque serve');
      // What electron's install script leaves: path.txt naming the binary under dist/.
      await writeFile(join(dir.path, 'node_modules/electron/path.txt'), 'electron');
      expect((await node([script])).code).toBe(1);
      await mkdir(join(dir.path, 'node_modules/electron/dist'));
      await writeFile(join(dir.path, 'node_modules/electron/dist/electron'), '');
      expect(await node([script])).toMatchObject({ code: 0, stderr: '' });
    });
  });

  it('marque on another Node says it needs Node 24 instead of failing on the .ts import', async () => {
    // The bin reads process.versions.node; this Node reports itself as 20 before the bin runs.
    const asNode20 = `data:text/javascript,Object.defineProperty(process.versions,'node',{value:'20.11.1'})`;
    const result = await node(['--import', asNode20, CLI_ENTRY, '--help']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('marque: needs Node 24');
    expect(result.stderr).toContain('this is Node 20.11.1');
    expect(result.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
    expect(result.stdout).toBe('');
    // On Node 24 the same command runs.
    expect((await node([CLI_ENTRY, '--help'])).code).toBe(0);
  });
});
