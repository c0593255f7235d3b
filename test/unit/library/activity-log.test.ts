import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src/main/core/database/database.ts';
import { migrations } from '../../../src/main/core/database/migrations/index.ts';
import { ActivityService } from '../../../src/main/core/library/activity-service.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const DAY = 24 * 60 * 60_000;
const START = Date.parse('2026-03-01T08:00:00.000Z');

let dir: { path: string; cleanup: () => Promise<void> };
let db: Db;
let now: number;
let activity: ActivityService;

beforeEach(async () => {
  dir = await tempDir();
  db = openDatabase(join(dir.path, 'library.sqlite'));
  now = START;
  activity = new ActivityService(db, { now: () => now });
});
afterEach(async () => {
  activity.close();
  db.close();
  await dir.cleanup();
});

const rows = () => db.prepare('SELECT count(*) FROM activity').pluck().get() as number;

describe('activity log size', () => {
  it('100,000 share downloads from 40 teammates over 30 days leave under 10,000 rows, every one counted', () => {
    const teammates = Array.from({ length: 40 }, (_, i) => `192.168.1.${10 + i}`);
    const downloads = 100_000;
    let bytes = 0;
    const pairs = new Set<string>();
    for (let i = 0; i < downloads; i++) {
      now = START + Math.floor((i * 30 * DAY) / downloads);
      const clientAddress = teammates[(i * 7) % teammates.length] as string;
      const size = 1000 + (i % 500);
      bytes += size;
      pairs.add(`${clientAddress} ${new Date(now).toISOString().slice(0, 10)}`);
      // What the share server reports for each original it sends.
      activity.recordShareAccess({
        kind: 'share-download',
        clientAddress,
        logoIds: [`logo${i % 300}`],
        detail: `logo-${i % 300}.svg`,
        bytes: size,
      });
      // Browsing the grid on the way: every 10th request a thumbnail.
      if (i % 10 === 0)
        activity.recordShareAccess({
          kind: 'share-browse',
          clientAddress,
          logoIds: [`logo${i % 300}`],
          detail: 'thumb.webp',
          bytes: 200,
        });
    }
    const size = activity.size();
    console.log(
      `activity log after ${downloads} downloads: ${size.rows} rows, ${size.bytes} bytes (${pairs.size} teammate-days)`,
    );
    expect(size.rows).toBeLessThan(10_000);
    expect(rows()).toBe(size.rows);
    // One download line per teammate per day, one browse line where they browsed.
    const perKind = db
      .prepare('SELECT kind, count(*) AS n, sum(count) AS events, sum(bytes) AS bytes FROM activity GROUP BY kind')
      .all();
    expect(perKind).toEqual([
      { kind: 'share-browse', n: expect.any(Number), events: downloads / 10, bytes: (downloads / 10) * 200 },
      { kind: 'share-download', n: pairs.size, events: downloads, bytes },
    ]);
    // Lines stay bounded: at most 100 logo ids each.
    const widest = db.prepare('SELECT max(json_array_length(logo_ids)) FROM activity').pluck().get() as number;
    expect(widest).toBeLessThanOrEqual(100);
    // The size in storage stats is the real footprint in the database file.
    expect(size.bytes).toBeGreaterThan(0);
    expect(size.bytes).toBeLessThan(statSync(join(dir.path, 'library.sqlite')).size + 10 * 1024 * 1024);
    // The log reads newest first: the last teammate-day written is on top.
    const [top] = activity.list({ offset: 0, limit: 1 }).items;
    expect(top?.at).toBe(new Date(now).toISOString());
  });

  it('keeps individual lines, and share lines in the database within two seconds or on close', async () => {
    activity.recordActivity({ kind: 'export', detail: 'favicon pack to /out' });
    activity.recordShareAccess({
      kind: 'share-download',
      clientAddress: '10.0.0.7',
      logoIds: ['a'],
      detail: 'a.svg',
      bytes: null,
    });
    activity.recordShareAccess({
      kind: 'share-download',
      clientAddress: '10.0.0.7',
      logoIds: ['b'],
      detail: 'zip of 2 originals',
      bytes: 2048,
    });
    // Another process (the CLI beside the app) sees the share lines once flushed.
    const other = new Database(join(dir.path, 'library.sqlite'), { readonly: true });
    try {
      const shareLines = () =>
        other.prepare("SELECT count(*) FROM activity WHERE kind = 'share-download'").pluck().get();
      await expect.poll(shareLines, { timeout: 10_000, interval: 50 }).toBe(1);
    } finally {
      other.close();
    }
    const [line] = activity.list({ kind: 'share-download', offset: 0, limit: 5 }).items;
    expect(line).toMatchObject({
      clientAddress: '10.0.0.7',
      count: 2,
      bytes: 2048,
      logoIds: ['a', 'b'],
      detail: 'zip of 2 originals',
    });
    expect(activity.list({ kind: 'export', offset: 0, limit: 5 }).items[0]).toMatchObject({ count: 1, bytes: null });
  });
});

describe('activity log retention', () => {
  it('prunes lines older than 90 days by default, individual and rolled up alike', () => {
    activity.recordActivity({ kind: 'import', detail: 'old import' });
    activity.recordShareAccess({
      kind: 'share-download',
      clientAddress: '10.0.0.2',
      logoIds: [],
      detail: 'x',
      bytes: 1,
    });
    activity.flush();
    now += 60 * DAY;
    activity.recordActivity({ kind: 'export', detail: 'recent export' });
    expect(rows()).toBe(3);
    now += 30 * DAY + 1;
    expect(activity.prune()).toBe(2);
    expect(activity.list({ offset: 0, limit: 10 }).items.map((e) => e.detail)).toEqual(['recent export']);
  });

  it('takes its retention from the settings, and a shorter one prunes at once and in the next process', () => {
    for (let day = 0; day < 20; day++) {
      now = START + day * DAY;
      activity.recordActivity({ kind: 'export', detail: `day ${day}` });
    }
    expect(activity.size()).toMatchObject({ rows: 20, retentionDays: 90 });
    expect(activity.setRetentionDays(7)).toMatchObject({ rows: 8, retentionDays: 7 });
    expect(() => activity.setRetentionDays(0)).toThrow(/at least 1 day/);
    // A later start reads the setting and prunes what aged out meanwhile.
    now += 3 * DAY;
    const next = new ActivityService(db, { now: () => now });
    expect(next.retentionDays()).toBe(7);
    expect(next.prune()).toBe(3);
    expect(next.size().rows).toBe(5);
  });

  it('prunes by the activity_at index and finds a teammate-day through activity_rollup', () => {
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan("DELETE FROM activity WHERE at < '2026-01-01'")).toMatch(/activity_at/);
    expect(
      plan("SELECT id FROM activity WHERE kind = 'share-download' AND client_address = 'x' AND day = '2026-01-01'"),
    ).toMatch(/activity_rollup/);
  });
});

describe('migration 24 (activity roll-up)', () => {
  it('rolls existing one-row-per-download logs up per teammate per day and keeps every other line', () => {
    const file = join(dir.path, 'v23.sqlite');
    const raw = new Database(file);
    for (const migration of migrations) if (migration.version <= 23) raw.transaction(() => migration.up(raw))();
    raw.pragma('user_version = 23');
    const insert = raw.prepare(
      'INSERT INTO activity (kind, logo_ids, client_address, detail, at) VALUES (?, ?, ?, ?, ?)',
    );
    raw.transaction(() => {
      insert.run('import', '["keep1"]', null, '3 imported', '2026-02-27T09:00:00.000Z');
      for (let i = 0; i < 6000; i++) {
        const day = i < 3000 ? '2026-02-28' : '2026-03-01';
        const at = `${day}T${String(10 + (i % 10)).padStart(2, '0')}:00:00.000Z`;
        insert.run('share-download', JSON.stringify([`logo${i % 250}`]), `10.0.0.${i % 3}`, `file ${i}.svg`, at);
      }
      insert.run('export', '[]', null, 'favicon pack', '2026-03-02T09:00:00.000Z');
    })();
    raw.close();

    const migrated = openDatabase(file);
    try {
      const lines = migrated
        .prepare(
          "SELECT client_address, day, count, bytes, json_array_length(logo_ids) AS ids FROM activity WHERE kind = 'share-download' ORDER BY day, client_address",
        )
        .all();
      expect(lines).toEqual(
        ['2026-02-28', '2026-03-01'].flatMap((day) =>
          ['10.0.0.0', '10.0.0.1', '10.0.0.2'].map((client) => ({
            client_address: client,
            day,
            count: 1000,
            bytes: null,
            ids: 100,
          })),
        ),
      );
      const others = migrated
        .prepare("SELECT kind, detail, count, day FROM activity WHERE kind != 'share-download' ORDER BY id")
        .all();
      expect(others).toEqual([
        { kind: 'import', detail: '3 imported', count: 1, day: null },
        { kind: 'export', detail: 'favicon pack', count: 1, day: null },
      ]);
    } finally {
      migrated.close();
    }
  });
});
