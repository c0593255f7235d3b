/**
 * Electron main must not load the pixel packages (sharp, fontkit, canvas, pdfkit) at start-up:
 * they cost start-up time and memory and belong to the worker threads and intake processes.
 * bundles.test.ts walks the built chunk graph's static imports; this runs the core as main does,
 * so lazy `import()`s taken on the way (start-up, first list, an import, a job) count too.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.ts';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./fixtures/startup-modules-child.ts', import.meta.url));
/** Packages only workers and intake processes may load. */
const WORKER_ONLY = ['sharp', 'fontkit', '@napi-rs/canvas', 'pdfkit', 'pdfjs-dist', 'svgo', 'esm-potrace-wasm'];

interface Report {
  readonly startup: readonly string[];
  readonly afterJob: readonly string[];
  readonly jobState: string;
  readonly control: readonly string[];
}

describe('packages the main thread loads (the core started as Electron main starts it)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let report: Report;

  beforeAll(async () => {
    dir = await tempDir('marque-startup-modules-');
    const svg = join(dir.path, 'wordmark.svg');
    // Text, so the pdf recipe outlines it with a font (fontkit) in the worker.
    await writeFile(
      svg,
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><rect width="200" height="80" fill="#1d3557"/>' +
        '<text x="10" y="55" font-family="DejaVu Sans" font-size="40" fill="#f1faee">Mq</text></svg>',
    );
    const { stdout } = await run(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', CHILD, join(dir.path, 'data'), svg],
      { maxBuffer: 8 * 1024 * 1024, timeout: 120_000 },
    );
    report = JSON.parse(stdout.trim().split('\n').at(-1) as string) as Report;
  }, 150_000);
  afterAll(async () => {
    await dir?.cleanup();
  });

  it('start-up and the first list load none of the pixel packages', () => {
    expect(report.startup).toContain('better-sqlite3');
    expect(report.startup.filter((name) => WORKER_ONLY.includes(name))).toEqual([]);
  });

  it('importing a logo and running a recipe leave them to the intake process and the worker', () => {
    expect(report.jobState).toBe('done');
    expect(report.afterJob.filter((name) => WORKER_ONLY.includes(name))).toEqual([]);
  });

  it('the hook does see a pixel package the main thread loads (so the empty lists mean something)', () => {
    expect(report.control).toContain('sharp');
  });
});
