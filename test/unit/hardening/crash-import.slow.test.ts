import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { childPids, isAlive, startLineChild } from '../../helpers/child-process.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { auditDatabase, auditStore } from '../../helpers/data-audit.ts';
import { scaled } from '../../helpers/scale.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const CHILD = fileURLToPath(new URL('./fixtures/import-child.ts', import.meta.url));
/** Batch size and the number of reported files after which the importer is killed (fast loop / slow project). */
const SVGS = scaled(16, 36);
const PNGS = scaled(8, 12);
const KILL_AFTER = scaled(10, 14);

interface Reported {
  status: 'imported' | 'duplicate' | 'failed';
  path: string;
  id?: string;
  hash?: string;
}

async function waitGone(pids: readonly number[], ms: number): Promise<number[]> {
  const end = Date.now() + ms;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    alive = alive.filter(isAlive);
  }
  return alive;
}

describe('SIGKILL during an import of many files', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio | null = null;
  let files: readonly string[];

  beforeAll(async () => {
    dir = await tempDir('marque-crash-import-');
    const corpus = await writeCorpus(join(dir.path, 'corpus'), { svgs: SVGS, pngs: PNGS, offset: 300, pngSize: 160 });
    files = corpus.files;
  }, 60_000);
  afterAll(async () => {
    try {
      await studio?.close();
    } finally {
      await dir?.cleanup();
    }
  });

  it('loses no reported logo, leaves no half-written blob, no orphan process, and a re-import completes the set', async () => {
    const dataDir = join(dir.path, 'data');
    const listFile = join(dir.path, 'files.json');
    await writeFile(listFile, JSON.stringify(files));
    const run = startLineChild(CHILD, [dataDir, listFile]);
    // Kill once a good part of the batch is reported, while the intake is busy with the rest.
    await run.until((lines) => lines.filter((l) => 'status' in l).length >= KILL_AFTER, 90_000);
    const intakePids = childPids(run.child.pid as number);
    expect(await run.kill()).toBe('SIGKILL');
    const reported = run.lines.filter((l): l is Reported & Record<string, unknown> => 'status' in l);
    expect(run.lines.some((l) => l.finished)).toBe(false);
    expect(reported.length).toBeLessThan(files.length);
    // The intake processes notice their parent is gone and exit: nothing keeps decoding.
    expect(intakePids.length).toBeGreaterThan(0);
    expect(await waitGone(intakePids, 5_000)).toEqual([]);

    // What the dead process left on disk, before anything repairs it.
    expect(auditDatabase(join(dataDir, 'library.sqlite'))).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
    const before = await auditStore(dataDir);
    expect(before.corrupt).toEqual([]);

    studio = await createStudio({ dataDir, intakeProcesses: 2 });
    await studio.reconciled;
    const after = await auditStore(dataDir);
    expect(after.corrupt).toEqual([]);
    expect(after.tmpLeftovers).toEqual([]);
    // No row points at a missing original.
    const rowHashes = studio.db.prepare('SELECT hash FROM blobs').pluck().all() as string[];
    expect(rowHashes.filter((h) => !after.blobs.includes(h))).toEqual([]);

    // Every logo the dead process reported is there, with its original intact.
    const imported = reported.filter((r) => r.status !== 'failed');
    expect(imported.length).toBeGreaterThan(KILL_AFTER - 4);
    for (const r of imported) {
      const logo = studio.library.get(r.id as string);
      expect(logo.hash).toBe(r.hash);
      expect(after.blobs).toContain(r.hash);
      const thumb = studio.library.mediaFile(logo.id, 'thumb').path;
      if (existsSync(thumb)) expect((await sharp(thumb).metadata()).format).toBe('webp');
    }

    // Importing everything again: what was reported is a duplicate of the same logo, the rest comes in once.
    const report = await studio.library.importPaths(files);
    const byPath = new Map(report.outcomes.map((o) => [o.path, o]));
    for (const r of imported) {
      const again = byPath.get(r.path);
      expect(again?.status).toBe('duplicate');
      if (again?.status === 'duplicate') expect(again.logo.id).toBe(r.id);
    }
    const failedNow = new Set(report.outcomes.filter((o) => o.status === 'failed').map((o) => o.path));
    for (const r of reported) if (r.status === 'failed') expect(failedNow.has(r.path)).toBe(true);
    const hashes = new Set(report.outcomes.flatMap((o) => (o.status === 'failed' ? [] : [o.logo.hash])));
    const rows = studio.db.prepare('SELECT hash FROM logos').pluck().all() as string[];
    expect(rows.length).toBe(hashes.size);
    expect(new Set(rows)).toEqual(hashes);
    // No blob without a row is left behind (a blob stored just before the kill got its row now).
    const blobRows = new Set(studio.db.prepare('SELECT hash FROM blobs').pluck().all() as string[]);
    const final = await auditStore(dataDir);
    expect(final.corrupt).toEqual([]);
    expect(new Set(final.blobs)).toEqual(blobRows);
    expect(studio.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(studio.db.pragma('foreign_key_check')).toEqual([]);
  }, 120_000);
});
