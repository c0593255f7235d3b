import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { auditDatabase, auditStore } from '../../helpers/data-audit.ts';
import { mountTmpfs, unmount } from '../../helpers/mounts.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('the data folder on a disk that fills up during an import', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let disk: string;
  let skipped: string | null = null;
  let studio: Studio | null = null;
  let files: readonly string[];

  beforeAll(async () => {
    dir = await tempDir('marque-data-full-');
    files = (await writeCorpus(join(dir.path, 'corpus'), { svgs: 8, pngs: 30, offset: 1000, pngSize: 512 })).files;
    disk = join(dir.path, 'disk');
    await mkdir(disk);
    skipped = mountTmpfs(disk, 'size=2m');
    if (skipped) console.log(`skipped: ${skipped}`);
  }, 60_000);
  afterAll(async () => {
    try {
      await studio?.close().catch(() => {});
    } finally {
      if (!skipped) unmount(disk);
      await dir?.cleanup();
    }
  });

  it('reports every file (imported, or failed naming the file and the full disk), keeps the library whole, and recovers once space is freed', async ({
    skip,
  }) => {
    if (skipped) return skip();
    const dataDir = join(disk, 'data');
    studio = await createStudio({ dataDir, intakeProcesses: 1, pipeline: { workers: 1 } });
    const report = await studio.library.importPaths(files);
    expect(report.outcomes).toHaveLength(files.length);
    expect(report.imported).toBeGreaterThan(0);
    expect(report.failed).toBeGreaterThan(0);
    for (const outcome of report.outcomes) {
      if (outcome.status !== 'failed') continue;
      expect(outcome.code, outcome.message).toBe('IO_ERROR');
      expect(outcome.message).toContain(basename(outcome.path));
      expect(outcome.message).toMatch(/disk .*full/i);
    }
    // What was reported imported is there; nothing half-written is.
    const ids = report.outcomes.flatMap((o) => (o.status === 'imported' ? [o.logo.id] : []));
    for (const id of ids) expect(studio.library.get(id).id).toBe(id);
    const store = await auditStore(dataDir);
    expect(store.corrupt).toEqual([]);
    // A master or preview the intake could not finish writing is not left in store/tmp.
    expect(store.tmpLeftovers).toEqual([]);
    expect(studio.db.pragma('integrity_check', { simple: true })).toBe('ok');
    await studio.close();
    studio = null;

    // Space comes back (the user cleans up): the library opens, and the rest imports.
    await rm(join(dataDir, 'cache'), { recursive: true, force: true });
    expect(auditDatabase(join(dataDir, 'library.sqlite')).integrity).toBe('ok');
    studio = await createStudio({ dataDir, intakeProcesses: 1, pipeline: { workers: 1 } });
    expect(
      studio.library.list({ colorTolerance: 12, sort: 'importedAt', order: 'desc', offset: 0, limit: 500 } as never)
        .total,
    ).toBe(ids.length);
  }, 120_000);
});
