import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportJournal, importJournalDir } from '../../../src/main/core/store/import-journal.ts';
import { assessHealth, type HealthFacts } from '../../../src/main/core/store/storage-health.ts';
import { formatBytes } from '../../../src/shared/format-bytes.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { type LibraryFixture, openLibrary } from '../library/fixture.ts';

let dir: { path: string; cleanup: () => Promise<void> };
let lib: LibraryFixture;

beforeEach(async () => {
  dir = await tempDir();
  lib = await openLibrary(join(dir.path, 'data'));
});
afterEach(async () => {
  await lib.close();
  await dir.cleanup();
});

const healthy: HealthFacts = {
  folders: [{ path: '/data', exists: true, writable: true }],
  cacheBytes: 0,
  capBytes: 100,
  disk: { freeBytes: 50, totalBytes: 100 },
  missingOriginals: 0,
  quarantined: 0,
};

describe('storage health (judgement)', () => {
  it('is healthy with room everywhere', () => {
    expect(assessHealth(healthy)).toEqual({ status: 'healthy', reasons: [] });
  });

  it('warns when the cache is over 80 % of its cap (not at 80 %)', () => {
    expect(assessHealth({ ...healthy, cacheBytes: 80 }).status).toBe('healthy');
    const over = assessHealth({ ...healthy, cacheBytes: 81 });
    expect(over.status).toBe('warning');
    expect(over.reasons.map((r) => r.code)).toEqual(['cap-nearly-full']);
  });

  it('names a small cap and free space in the unit that fits (1 MiB, not 0.00 GiB)', () => {
    const mib = 1024 ** 2;
    const cap = assessHealth({ ...healthy, cacheBytes: mib, capBytes: mib }).reasons[0]?.message ?? '';
    expect(cap).toContain('of its 1 MiB cap');
    expect(cap).not.toContain('GiB');
    const disk = assessHealth({ ...healthy, disk: { freeBytes: 300 * 1024, totalBytes: 100 * mib } });
    expect(disk.reasons[0]?.message).toContain('(300 KiB free)');
  });

  it('warns when the disk is over 90 % full, errors when nearly out of space', () => {
    expect(assessHealth({ ...healthy, disk: { freeBytes: 10, totalBytes: 100 } }).status).toBe('healthy');
    expect(assessHealth({ ...healthy, disk: { freeBytes: 9, totalBytes: 100 } }).reasons[0]?.code).toBe(
      'disk-nearly-full',
    );
    expect(assessHealth({ ...healthy, disk: { freeBytes: 9, totalBytes: 100 } }).status).toBe('warning');
    expect(assessHealth({ ...healthy, disk: { freeBytes: 1, totalBytes: 100 } }).status).toBe('error');
  });

  it('errors when a folder is missing or not writable, naming it', () => {
    const missing = assessHealth({ ...healthy, folders: [{ path: '/data/cache', exists: false, writable: false }] });
    expect(missing.status).toBe('error');
    expect(missing.reasons[0]?.message).toContain('/data/cache');
    const readOnly = assessHealth({ ...healthy, folders: [{ path: '/data', exists: true, writable: false }] });
    expect(readOnly.reasons[0]?.code).toBe('folder-not-writable');
  });
});

describe('storage service', () => {
  it('stats count originals and thumbnails with their bytes, the cap and the disk', async () => {
    const corpus = await writeCorpus(join(dir.path, 'in'), { svgs: 3, pngs: 2, offset: 10 });
    await lib.library.importPaths(corpus.files);
    const stats = await lib.storage.stats();
    expect(stats.originals.count).toBe(5);
    const sum = (lib.db.prepare('SELECT sum(byte_size) AS n FROM logos').get() as { n: number }).n;
    expect(stats.originals.bytes).toBe(sum);
    expect(stats.thumbnails.count).toBe(5);
    expect(stats.thumbnails.bytes).toBeGreaterThan(0);
    expect(stats.cacheBytes).toBe(stats.thumbnails.bytes + stats.previews.bytes + stats.outputs.bytes);
    expect(stats.capBytes).toBe(2 * 1024 ** 3);
    expect(stats.disk.totalBytes).toBeGreaterThan(stats.disk.freeBytes);
    expect(stats.disk.freeBytes).toBeGreaterThan(0);
    const capped = await lib.storage.setCap(8 * 1024 ** 2);
    expect(capped.capBytes).toBe(8 * 1024 ** 2);
  });

  it('health is an error naming the folder when the cache folder is gone', async () => {
    const before = await lib.storage.health();
    expect(before.reasons.filter((r) => r.code.startsWith('folder'))).toEqual([]);
    await rm(lib.cache.root, { recursive: true });
    const after = await lib.storage.health();
    expect(after.status).toBe('error');
    expect(after.reasons).toContainEqual(
      expect.objectContaining({ code: 'folder-missing', message: expect.stringContaining(lib.cache.root) }),
    );
  });

  it('health warns when the cache holds more than 80 % of its cap', async () => {
    lib.cache.setCapBytes(100_000);
    for (let i = 0; i < 9; i++) {
      const temp = join(dir.path, `t${i}`);
      await writeFile(temp, randomBytes(10_000));
      await lib.cache.adopt('trace', `t${i}`, temp);
    }
    const health = await lib.storage.health();
    expect(health.reasons.map((r) => r.code)).toContain('cap-nearly-full');
  });

  it('reconciliation removes old blobs no row or running import holds, spares fresh and in-flight ones, reports missing originals', async () => {
    const corpus = await writeCorpus(join(dir.path, 'in'), { svgs: 2, offset: 20 });
    const report = await lib.library.importPaths(corpus.files);
    const kept = report.outcomes[0]?.status === 'imported' ? report.outcomes[0].logo : null;
    const lost = report.outcomes[1]?.status === 'imported' ? report.outcomes[1].logo : null;
    if (!kept || !lost) throw new Error('import failed');
    // An orphan blob a crash left (old), one an import may be writing right now (fresh), and an old
    // one an import in this running process is storing (its journal entry says so).
    const orphan = 'a'.repeat(64);
    const fresh = 'b'.repeat(64);
    const storing = 'c'.repeat(64);
    for (const hash of [orphan, fresh, storing]) {
      await mkdir(join(lib.store.root, 'originals', hash.slice(0, 2), hash.slice(2, 4)), { recursive: true });
      await writeFile(lib.store.pathOf(hash), `bytes of ${hash}`);
    }
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const hash of [orphan, storing]) await utimes(lib.store.pathOf(hash), anHourAgo, anHourAgo);
    const journal = new ImportJournal(importJournalDir(lib.dataDir));
    const forget = await journal.begin({
      path: '/in/flight.svg',
      tags: [],
      result: {
        format: 'svg',
        isVector: true,
        width: 1,
        height: 1,
        hasAlpha: true,
        master: { hash: storing, byteSize: 9 },
        source: null,
      },
    });
    await rm(lib.store.pathOf(lost.hash));

    const result = await lib.storage.reconcile();
    expect(result.removedLeftovers).toEqual([orphan]);
    expect(result.missingOriginals).toEqual([lost.hash]);
    expect(existsSync(lib.store.pathOf(orphan))).toBe(false);
    expect(existsSync(lib.store.pathOf(fresh))).toBe(true);
    expect(existsSync(lib.store.pathOf(storing))).toBe(true);
    expect(existsSync(lib.store.pathOf(kept.hash))).toBe(true);
    expect(await lib.store.quarantined()).toEqual([]);
    await forget();
    // Rows are never dropped to "recover".
    expect(lib.library.get(lost.id).hash).toBe(lost.hash);
    const health = await lib.storage.health();
    expect(health.status).toBe('error');
    // Only what needs a person: the missing original (a leftover blob is not worth a warning).
    expect(health.reasons.map((r) => r.code)).toEqual(['originals-missing']);
  });

  it('start-up reconciliation runs once per interval; its findings persist for health in the next process', async () => {
    const corpus = await writeCorpus(join(dir.path, 'in'), { svgs: 1, offset: 25 });
    const report = await lib.library.importPaths(corpus.files);
    const logo = report.outcomes[0]?.status === 'imported' ? report.outcomes[0].logo : null;
    if (!logo) throw new Error('import failed');
    await rm(lib.store.pathOf(logo.hash));
    const now = Date.now();
    expect((await lib.storage.reconcileOnStart(now))?.missingOriginals).toEqual([logo.hash]);
    expect(await lib.storage.reconcileOnStart(now + 60_000)).toBeNull();
    await lib.close();
    lib = await openLibrary(join(dir.path, 'data'));
    expect((await lib.storage.health()).reasons.map((r) => r.code)).toContain('originals-missing');
    expect(await lib.storage.reconcileOnStart(now + 11 * 60_000)).not.toBeNull();
  });

  it('clear removes derived files and a missing thumbnail is made again from the master', async () => {
    const corpus = await writeCorpus(join(dir.path, 'in'), { pngs: 1, offset: 30 });
    const report = await lib.library.importPaths(corpus.files);
    const logo = report.outcomes[0]?.status === 'imported' ? report.outcomes[0].logo : null;
    if (!logo) throw new Error('import failed');
    const thumb = lib.library.mediaFile(logo.id, 'thumb').path;
    expect(existsSync(thumb)).toBe(true);
    // Its thumbnail and its 1024 px preview.
    expect(lib.storage.clear(0).removed).toBe(2);
    expect(existsSync(thumb)).toBe(false);
    expect(await lib.library.ensureThumb(logo.id)).toBe(thumb);
    expect(existsSync(thumb)).toBe(true);
    expect((await lib.storage.stats()).thumbnails.count).toBe(1);
    expect(existsSync(lib.store.pathOf(logo.hash))).toBe(true);
  });
});

describe('formatBytes (binary units, the unit that fits)', () => {
  it('picks the unit and drops trailing zeros', () => {
    const cases: [number, string][] = [
      [0, '0 B'],
      [1, '1 B'],
      [1023, '1023 B'],
      [1024, '1 KiB'],
      [1536, '1.5 KiB'],
      [1024 ** 2, '1 MiB'],
      [1024 ** 2 * 1.25, '1.25 MiB'],
      [1024 ** 2 * 12.34, '12.3 MiB'],
      [1024 ** 2 * 320.4, '320 MiB'],
      [1024 ** 3 - 1, '1 GiB'],
      [2 * 1024 ** 3, '2 GiB'],
      [1024 ** 4 * 3.5, '3.5 TiB'],
      [-2048, '-2 KiB'],
    ];
    for (const [bytes, text] of cases) expect(formatBytes(bytes), String(bytes)).toBe(text);
  });

  it('never shows a zero for a non-zero size, at any magnitude', () => {
    for (let exponent = 0; exponent < 50; exponent++) {
      const text = formatBytes(2 ** exponent);
      expect(text, text).toMatch(/^[1-9]\d*(\.\d{1,2})? (B|KiB|MiB|GiB|TiB|PiB)$/);
      expect(Number.parseFloat(text)).toBeLessThan(1024);
    }
  });
});
