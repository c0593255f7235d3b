import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src/main/core/database/database.ts';
import { migrations } from '../../../src/main/core/database/migrations/index.ts';
import { DerivedCache } from '../../../src/main/core/store/derived-cache.ts';
import { DEFAULT_CACHE_CAP_BYTES } from '../../../src/shared/contract/storage.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let dir: { path: string; cleanup: () => Promise<void> };
let db: Db;
let cache: DerivedCache;
let n = 0;

beforeEach(async () => {
  dir = await tempDir();
  db = openDatabase(join(dir.path, 'library.sqlite'));
  cache = new DerivedCache(join(dir.path, 'cache'), db);
  await cache.init();
});
afterEach(async () => {
  db.close();
  await dir.cleanup();
});

/** Writes `bytes` random bytes to a temp file and adopts it into the cache. */
async function put(kind: string, key: string, bytes: number, sourceHash?: string): Promise<void> {
  const temp = join(dir.path, `t${n++}.tmp`);
  await writeFile(temp, randomBytes(bytes));
  await cache.adopt(kind, key, temp, sourceHash);
}

/** What is really on disk under the cache folder, in bytes. */
async function bytesOnDisk(): Promise<number> {
  let total = 0;
  for (const entry of await readdir(cache.root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

describe('derived cache', () => {
  it('defaults to a 2 GiB cap, kept in the settings table', () => {
    expect(cache.capBytes).toBe(DEFAULT_CACHE_CAP_BYTES);
    expect(DEFAULT_CACHE_CAP_BYTES).toBe(2 * 1024 ** 3);
    cache.setCapBytes(5_000_000);
    expect(new DerivedCache(cache.root, db).capBytes).toBe(5_000_000);
  });

  it('overfilled far past a small cap, eviction keeps it under the cap (index and disk agree)', async () => {
    const cap = 300_000;
    cache.setCapBytes(cap);
    const sizes: number[] = [];
    for (let i = 0; i < 60; i++) {
      const size = 10_000 + ((i * 7919) % 30_000);
      sizes.push(size);
      await put(i % 3 === 0 ? 'thumbs' : 'trace', `item-${i}.bin`, size);
      expect(cache.totalBytes()).toBeLessThanOrEqual(cap);
    }
    const written = sizes.reduce((a, b) => a + b, 0);
    expect(written).toBeGreaterThan(cap * 4);
    expect(await bytesOnDisk()).toBe(cache.totalBytes());
    expect(await bytesOnDisk()).toBeLessThanOrEqual(cap);
    // The newest files are the ones kept.
    expect(existsSync(cache.pathOf('trace', 'item-59.bin'))).toBe(true);
    expect(existsSync(cache.pathOf('thumbs', 'item-0.bin'))).toBe(false);
  });

  it('evicts the least recently used first, not the oldest: a file in use survives', async () => {
    cache.setCapBytes(100_000);
    for (let i = 0; i < 4; i++) await put('thumbs', `k${i}`, 20_000);
    expect(await cache.has('thumbs', 'k0')).toBe(true); // a use: k0 is now the most recent
    await put('thumbs', 'k4', 20_000);
    await put('thumbs', 'k5', 20_000);
    expect(existsSync(cache.pathOf('thumbs', 'k0'))).toBe(true);
    expect(existsSync(cache.pathOf('thumbs', 'k1'))).toBe(false);
    expect(existsSync(cache.pathOf('thumbs', 'k2'))).toBe(true);
    expect(cache.totalBytes()).toBeLessThanOrEqual(100_000);
  });

  it('records uses in memory and writes them in one go (no database write per thumbnail shown)', async () => {
    await put('thumbs', 'shown', 10);
    const lastUsed = () =>
      (db.prepare("SELECT last_used FROM derived_files WHERE key = 'shown'").get() as { last_used: number }).last_used;
    const before = lastUsed();
    for (let i = 0; i < 50; i++) cache.touch('thumbs', 'shown');
    expect(lastUsed()).toBe(before);
    cache.flushUses();
    expect(lastUsed()).toBeGreaterThan(before);
  });

  it('lowering the cap evicts at once and never touches anything outside the cache folder', async () => {
    const original = join(dir.path, 'store', 'originals', 'keep.bin');
    await mkdir(join(dir.path, 'store', 'originals'), { recursive: true });
    await writeFile(original, randomBytes(50_000));
    for (let i = 0; i < 10; i++) await put('previews', `p${i}`, 30_000);
    const report = cache.setCapBytes(100_000);
    expect(report.removed).toBe(7);
    expect(report.freedBytes).toBe(210_000);
    expect(await bytesOnDisk()).toBe(90_000);
    expect(existsSync(original)).toBe(true);
  });

  it('clear(olderThanDays) drops only files unused for that long; clear(0) drops all', async () => {
    await put('thumbs', 'old', 1000);
    await put('thumbs', 'fresh', 1000);
    db.prepare("UPDATE derived_files SET last_used = ? WHERE key = 'old'").run(Date.now() - 10 * 86_400_000);
    expect(cache.clear(7)).toEqual({ removed: 1, freedBytes: 1000 });
    expect(existsSync(cache.pathOf('thumbs', 'old'))).toBe(false);
    expect(existsSync(cache.pathOf('thumbs', 'fresh'))).toBe(true);
    expect(cache.clear(0)).toEqual({ removed: 1, freedBytes: 1000 });
    expect(await bytesOnDisk()).toBe(0);
  });

  it('drops every derived file of an original being purged', async () => {
    await put('thumbs', 'a-256.webp', 500, 'a'.repeat(64));
    await put('trace', 'a-trace', 700, 'a'.repeat(64));
    await put('thumbs', 'b-256.webp', 900, 'b'.repeat(64));
    expect(cache.removeBySource('a'.repeat(64))).toEqual({ removed: 2, freedBytes: 1200 });
    expect(cache.totalsByKind()).toEqual([{ kind: 'thumbs', count: 1, bytes: 900 }]);
  });

  it('reconcile indexes files a crash left unindexed and forgets files that are gone', async () => {
    await put('thumbs', 'known', 100);
    await mkdir(join(cache.root, 'favicon'), { recursive: true });
    await writeFile(join(cache.root, 'favicon', 'stray.zip'), randomBytes(2500));
    await mkdir(join(cache.root, 'social', 'pack-1'), { recursive: true });
    await writeFile(join(cache.root, 'social', 'pack-1', 'a.png'), randomBytes(300));
    await writeFile(join(cache.root, 'social', 'pack-1', 'b.png'), randomBytes(200));
    db.prepare('INSERT INTO derived_files VALUES (?, ?, ?, NULL, ?, ?)').run(
      'thumbs',
      'ghost',
      999,
      new Date().toISOString(),
      1,
    );
    expect(await cache.reconcile()).toEqual({ added: 2, forgotten: 1 });
    expect(cache.totalBytes()).toBe(100 + 2500 + 500);
    expect(await cache.reconcile()).toEqual({ added: 0, forgotten: 0 });
  });

  it('keeps the total by triggers, equal to the sum of the index through every kind of write', async () => {
    const sum = () =>
      (db.prepare('SELECT coalesce(sum(byte_size), 0) AS n FROM derived_files').get() as { n: number }).n;
    await put('thumbs', 'a', 400, 'a'.repeat(64));
    await put('trace', 'b', 700, 'b'.repeat(64));
    expect([cache.totalBytes(), sum()]).toEqual([1100, 1100]);
    await put('thumbs', 'a', 250, 'a'.repeat(64)); // the same key again, smaller: an upsert
    expect([cache.totalBytes(), sum()]).toEqual([950, 950]);
    cache.removeBySource('b'.repeat(64));
    expect([cache.totalBytes(), sum()]).toEqual([250, 250]);
    cache.clear(0);
    expect([cache.totalBytes(), sum()]).toEqual([0, 0]);
  });

  it('a library from before the total (schema 22) starts it from the rows it has', () => {
    const file = join(dir.path, 'old.sqlite');
    const raw = new Database(file);
    raw.transaction(() => {
      for (const migration of migrations.filter((m) => m.version <= 22)) migration.up(raw);
      raw.pragma('user_version = 22');
      const insert = raw.prepare('INSERT INTO derived_files VALUES (?, ?, ?, NULL, ?, ?)');
      insert.run('thumbs', 'x', 1234, new Date().toISOString(), 1);
      insert.run('trace', 'y', 4321, new Date().toISOString(), 2);
    })();
    raw.close();
    const migrated = openDatabase(file);
    try {
      expect(new DerivedCache(join(dir.path, 'old-cache'), migrated).totalBytes()).toBe(5555);
    } finally {
      migrated.close();
    }
  });

  it('refuses keys that could leave the cache folder', () => {
    expect(() => cache.pathOf('thumbs', '../../etc/passwd')).toThrow(/bad cache key/);
    expect(() => cache.pathOf('..', 'x')).toThrow(/bad cache key/);
  });
});
