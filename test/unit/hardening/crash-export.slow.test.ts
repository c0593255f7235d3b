import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { type ExportRequest, exportRequest } from '../../../src/shared/contract/exports.ts';
import { startLineChild } from '../../helpers/child-process.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { auditDatabase, auditStore, exportTempFiles, listFiles } from '../../helpers/data-audit.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const sha256Of = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CHILD = fileURLToPath(new URL('./fixtures/export-child.ts', import.meta.url));
const caller = { mode: 'desktop', clientAddress: null } as const;
const SIZES = [96, 256, 512, 768];

describe('SIGKILL during an export', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let dataDir: string;
  let logoIds: string[];
  let studio: Studio | null = null;

  const request = (destination: string, zip: boolean): ExportRequest => ({
    logoIds,
    recipes: SIZES.map((size) => ({ recipe: 'thumbnail-png', options: { size } })),
    destination,
    zip,
  });

  beforeAll(async () => {
    dir = await tempDir('marque-crash-export-');
    dataDir = join(dir.path, 'data');
    const corpus = await writeCorpus(join(dir.path, 'corpus'), { svgs: 12, offset: 40 });
    studio = await createStudio({ dataDir, intakeProcesses: 1, pipeline: { workers: 2 } });
    const report = await studio.library.importPaths(corpus.svgs);
    logoIds = report.outcomes.flatMap((o) => (o.status === 'imported' ? [o.logo.id] : []));
    // Produce every output once, so the killed export spends its time writing, not rendering.
    const plan = await studio.handlers['exports.preview'](
      exportRequest.parse(request(join(dir.path, 'unused'), false)),
      caller,
    );
    expect(plan.failures).toEqual([]);
    await studio.close();
    studio = null;
  }, 120_000);
  afterAll(async () => {
    try {
      await studio?.close();
    } finally {
      await dir?.cleanup();
    }
  });

  for (const zip of [false, true]) {
    it(`${zip ? 'zip' : 'folder'} export: after restart no temp file is left in the destination, no half file, DB intact`, async () => {
      expect(logoIds.length).toBeGreaterThanOrEqual(10);
      // Folder: kill while files are being written. Zip: while the zip itself is (its 'verifying' phase).
      const phase = zip ? 'verifying' : 'writing';
      // The kill must land while a temp file exists. On a fast idle disk a temp lives a few ms, so
      // a kill can land just after its rename: then the attempt is discarded and run again.
      let destination = '';
      let leftBehind: string[] = [];
      for (let attempt = 1; attempt <= 6 && leftBehind.length === 0; attempt++) {
        destination = join(dir.path, `${zip ? 'delivery-zip' : 'delivery'}-${attempt}`);
        const run = startLineChild(CHILD, [dataDir, JSON.stringify(request(destination, zip))]);
        await run.until((lines) => lines.some((l) => l.phase === phase), 90_000);
        const end = Date.now() + 10_000;
        while ((await exportTempFiles(destination)).length === 0 && Date.now() < end) await sleep(1);
        expect(await run.kill()).toBe('SIGKILL');
        // An export that beat the kill (a busy machine can miss every short-lived temp) is discarded too.
        leftBehind = run.lines.some((l) => l.finished) ? [] : await exportTempFiles(destination);
      }
      expect(leftBehind.length, 'no kill landed mid-write in 6 attempts').toBeGreaterThan(0);

      expect(auditDatabase(join(dataDir, 'library.sqlite'))).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
      studio = await createStudio({ dataDir, intakeProcesses: 1, pipeline: { workers: 1 } });
      await studio.reconciled;
      const swept = await studio.exporter.recovered;
      expect(swept.length).toBe(leftBehind.length);
      expect(await exportTempFiles(destination)).toEqual([]);
      // The journal keeps an interrupted folder export (the same export resumes it), not a zip (it is one file).
      const interrupted = await studio.handlers['exports.interrupted']({ destination }, caller);
      if (zip) expect(interrupted).toBeNull();
      else expect(interrupted).toMatchObject({ destination, files: logoIds.length * SIZES.length });
      // What is there is whole: every PNG the dead export published matches the cache's bytes.
      const files = await listFiles(destination);
      if (!zip) expect(files.every((f) => f.endsWith('.png'))).toBe(true);
      else expect(files.filter((f) => f.endsWith('.zip'))).toEqual([]);
      const store = await auditStore(dataDir);
      expect(store.corrupt).toEqual([]);
      expect(store.tmpLeftovers).toEqual([]);
      expect(studio.db.pragma('integrity_check', { simple: true })).toBe('ok');

      // The same export now completes, next to (never over) what the dead one published.
      const summary = await studio.handlers['exports.run'](exportRequest.parse(request(destination, zip)), caller);
      expect(summary.failures).toEqual([]);
      expect(summary.written.length).toBe(logoIds.length * SIZES.length);
      expect(await exportTempFiles(destination)).toEqual([]);
      expect(await studio.handlers['exports.interrupted']({ destination }, caller)).toBeNull();
      // Every file the dead export had published is whole: byte for byte one the full export wrote.
      if (!zip) {
        const complete = new Set(summary.written.map((f) => f.sha256));
        for (const file of files) expect(complete.has(await sha256Of(join(destination, file))), file).toBe(true);
      }
      await studio.close();
      studio = null;
    }, 120_000);
  }
});
