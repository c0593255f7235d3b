/**
 * Search latency on a 10,000-logo library. The bench inserts rows directly (it measures search,
 * not import): real brand names from simple-icons, 1-3 tags and 1-5 palette colours per logo.
 * Each query runs through LibraryService.list (page of 100 + total count, as the UI asks).
 * Reference in the same run: the same questions answered the naive way SQLite allows without
 * our indexes (LIKE substring scans, tag scan without its index, colour distance over every row).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../src/main/core/database/database.ts';
import { sourceEntries } from '../src/main/core/entries.ts';
import { EventHub } from '../src/main/core/events.ts';
import { IntakePool } from '../src/main/core/intake/intake-pool.ts';
import { forkNodeProcess } from '../src/main/core/intake/isolated-process.ts';
import { ActivityService } from '../src/main/core/library/activity-service.ts';
import { LibraryService } from '../src/main/core/library/library-service.ts';
import { BlobStore } from '../src/main/core/store/blob-store.ts';
import { DerivedCache } from '../src/main/core/store/derived-cache.ts';
import { hexToLab } from '../src/shared/colour.ts';
import { type LibraryQuery, libraryQuery } from '../src/shared/contract/library.ts';
import { brandTitles, SEED_TAGS, seeded, seedLogos } from '../test/helpers/library-seed.ts';
import { type BenchSection, percentile, table } from './bench.ts';

const LOGOS = 10_000;
const RUNS = 300;

interface Case {
  readonly label: string;
  /** A fresh query per run (different words, tags, colours), so no single plan is cached by luck. */
  readonly ours: (i: number) => LibraryQuery;
  /** The same question without our indexes; returns [total, first page ids]. */
  readonly naive: (db: Db, i: number) => number;
}

function timeRuns(run: (i: number) => unknown): number[] {
  for (let i = 0; i < 20; i++) run(i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    run(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

function naivePage(db: Db, where: string, params: Record<string, unknown>): number {
  const total = (
    db.prepare(`SELECT count(*) AS n FROM logos l WHERE l.deleted_at IS NULL AND ${where}`).get(params) as { n: number }
  ).n;
  db.prepare(
    `SELECT l.* FROM logos l WHERE l.deleted_at IS NULL AND ${where} ORDER BY l.imported_at DESC LIMIT 100`,
  ).all(params);
  return total;
}

export async function searchBench(): Promise<BenchSection> {
  const dir = await mkdtemp(join(tmpdir(), 'marque-bench-search-'));
  const store = new BlobStore(join(dir, 'store'));
  await store.init();
  const db = openDatabase(join(dir, 'library.sqlite'));
  const cache = new DerivedCache(join(dir, 'cache'), db);
  // The intake is never used by list(); the pool starts no process until a file arrives.
  const intake = new IntakePool({ entry: sourceEntries().intakeProcess, spawn: forkNodeProcess, size: 1 });
  try {
    const t0 = Date.now();
    // No ANALYZE: a designer's library has no planner statistics either.
    seedLogos(db, LOGOS, 7);
    const seedSeconds = (Date.now() - t0) / 1000;
    const events = new EventHub();
    const library = new LibraryService({
      dataDir: dir,
      db,
      store,
      cache,
      intake,
      events,
      activity: new ActivityService(db),
      parallelism: 1,
    });

    // Typical typed prefixes: the first 2-5 letters of real brand names.
    const random = seeded(11);
    const names = brandTitles();
    const prefixes = Array.from({ length: 64 }, () => {
      const word =
        (names[Math.floor(random() * names.length)] as string).split(/[^A-Za-z0-9]+/).find((w) => w.length >= 2) ??
        'ab';
      return word.slice(0, 2 + Math.floor(random() * 4)).toLowerCase();
    });
    const colors = Array.from(
      { length: 64 },
      () =>
        `#${Math.floor(random() * 0xffffff)
          .toString(16)
          .padStart(6, '0')}`,
    );
    const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

    const cases: Case[] = [
      {
        label: 'browse: first page by name',
        ours: () => ({ sort: 'name', order: 'asc' }),
        naive: (d) => {
          d.prepare('SELECT count(*) FROM logos NOT INDEXED WHERE deleted_at IS NULL').get();
          d.prepare(
            'SELECT * FROM logos NOT INDEXED WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE LIMIT 100',
          ).all();
          return 0;
        },
      },
      {
        label: 'text: prefix of a brand name',
        ours: (i) => ({ search: at(prefixes, i) }),
        naive: (d, i) =>
          naivePage(
            d,
            `(l.name LIKE @q OR l.notes LIKE @q OR EXISTS (SELECT 1 FROM logo_tags t WHERE t.logo_id = l.id AND t.tag LIKE @q))`,
            { q: `%${at(prefixes, i)}%` },
          ),
      },
      {
        label: 'tag filter',
        ours: (i) => ({ tag: at(SEED_TAGS, i) }),
        naive: (d, i) =>
          naivePage(d, 'EXISTS (SELECT 1 FROM logo_tags t NOT INDEXED WHERE t.logo_id = l.id AND t.tag = @tag)', {
            tag: at(SEED_TAGS, i),
          }),
      },
      {
        label: 'text + tag + raster',
        ours: (i) => ({ search: at(prefixes, i), tag: at(SEED_TAGS, i), kind: 'raster' }),
        naive: (d, i) =>
          naivePage(
            d,
            'l.is_vector = 0 AND l.name LIKE @q AND EXISTS (SELECT 1 FROM logo_tags t NOT INDEXED WHERE t.logo_id = l.id AND t.tag = @tag)',
            {
              q: `%${at(prefixes, i)}%`,
              tag: at(SEED_TAGS, i),
            },
          ),
      },
      {
        label: 'colour: ΔE76 ≤ 10 of a colour',
        ours: (i) => ({ color: at(colors, i), colorTolerance: 10 }),
        naive: (d, i) => {
          const [L, a, b] = hexToLab(at(colors, i));
          return naivePage(
            d,
            `l.id IN (SELECT c.logo_id FROM logo_colors c NOT INDEXED
               WHERE (c.L - @L) * (c.L - @L) + (c.a - @a) * (c.a - @a) + (c.b - @b) * (c.b - @b) <= 100)`,
            { L, a, b },
          );
        },
      },
    ];

    const rows: (string | number)[][] = [];
    for (const c of cases) {
      const totals: number[] = [];
      const ours = timeRuns((i) => totals.push(library.list(libraryQuery.parse(c.ours(i))).total));
      const naive = timeRuns((i) => c.naive(db, i));
      const p50 = percentile(ours, 50);
      const p95 = percentile(ours, 95);
      const n50 = percentile(naive, 50);
      rows.push([
        c.label,
        Math.round(percentile(totals, 50)),
        p50.toFixed(2),
        p95.toFixed(2),
        n50.toFixed(2),
        percentile(naive, 95).toFixed(2),
        `${(n50 / p50).toFixed(1)}×`,
      ]);
    }
    return {
      title: `Search latency on a ${LOGOS.toLocaleString('en')}-logo library`,
      markdown: [
        table(
          ['query', 'median matches', 'p50 ms', 'p95 ms', 'naive p50 ms', 'naive p95 ms', 'naive / ours (p50)'],
          rows,
        ),
        '',
        `${RUNS} runs per query after 20 warm-up runs, each a page of 100 plus the total count through LibraryService.list ` +
          `(FTS5 prefix search, tag/collection indexes, an R*Tree over palette L*a*b* for colour). "Naive" answers the same ` +
          `question in the same SQLite file without our indexes: LIKE substring scans for text, a per-logo probe of ` +
          `logo_tags' primary key for tags, the distance over every palette row for colour. Library of ${LOGOS} rows, ` +
          `${(db.prepare('SELECT count(*) AS n FROM logo_colors').get() as { n: number }).n} palette colours, seeded in ${seedSeconds.toFixed(1)} s; ` +
          `load average ${loadavg()[0]?.toFixed(1)} during the run (the machine was shared).`,
      ].join('\n'),
    };
  } finally {
    await intake.close();
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}
