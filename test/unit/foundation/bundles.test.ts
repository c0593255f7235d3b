import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/node24.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const run = promisify(execFile);

/** Native or heavy packages Electron main must not load at start-up: only pipeline workers need them. */
const WORKER_ONLY = ['sharp', 'fontkit', '@napi-rs/canvas', 'pdfkit'];

/** Specifiers of the static imports and re-exports of an ES module (not `import()`, which is lazy). */
function staticImports(code: string): string[] {
  const specifiers: string[] = [];
  const patterns = [
    /^\s*import\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/gm,
    /^\s*export\s*[\w*{}\s,$]+?\s*from\s*["']([^"']+)["']/gm,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) specifiers.push(match[1] as string);
  return specifiers;
}

/** Every package an entry loads before its first line runs: its static import graph, chunk by chunk. */
async function staticPackages(entry: string): Promise<Set<string>> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(await readFile(file, 'utf8'))) {
      if (specifier.startsWith('.')) await visit(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  await visit(entry);
  return packages;
}

const isWorkerOnly = (specifier: string) =>
  WORKER_ONLY.some((name) => specifier === name || specifier.startsWith(`${name}/`));

describe('the built bundles (electron-vite build into a temp folder)', () => {
  let out: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    out = await tempDir('marque-bundles-');
    await run(
      process.execPath,
      [join(REPO_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', out.path],
      {
        cwd: REPO_ROOT,
        maxBuffer: 32 * 1024 * 1024,
      },
    );
  }, 300_000);
  afterAll(async () => {
    await out?.cleanup();
  });

  it('Electron main reaches no sharp, fontkit, canvas or pdfkit through static imports', async () => {
    const main = await staticPackages(join(out.path, 'main/index.js'));
    expect(main.has('electron')).toBe(true);
    expect([...main].filter(isWorkerOnly)).toEqual([]);
    // The same walk finds them from the pipeline worker, so an empty list above means something.
    const worker = await staticPackages(join(out.path, 'main/pipeline-worker.js'));
    expect([...worker].filter(isWorkerOnly)).toContain('sharp');
  });

  it('the preload bundle is under 20 KB (no zod, no schemas)', async () => {
    const preload = join(out.path, 'preload/index.cjs');
    const { size } = await stat(preload);
    expect(size).toBeLessThan(20 * 1024);
    const code = await readFile(preload, 'utf8');
    expect(code).toContain('"library.list"');
    expect(code).not.toMatch(/ZodError|safeParse/);
  });
});
