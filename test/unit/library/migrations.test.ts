import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../src/main/core/database/database.ts';
import { migrations } from '../../../src/main/core/database/migrations/index.ts';
import { readPalette, writePalette } from '../../../src/main/core/library/palette-rows.ts';
import {
  buildFilter,
  orderBy,
  type ParsedLibraryQuery,
  searchOnlyCount,
} from '../../../src/main/core/library/query.ts';
import { libraryQuery } from '../../../src/shared/contract/library.ts';
import { MarqueError } from '../../../src/shared/errors.ts';
import { seedLogos } from '../../helpers/library-seed.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.cleanup();
});

function tables(db: Database.Database): Map<string, { strict: number; type: string }> {
  const rows = db.prepare("SELECT name, type, strict FROM pragma_table_list WHERE schema = 'main'").all() as {
    name: string;
    type: string;
    strict: number;
  }[];
  return new Map(rows.map((r) => [r.name, { strict: r.strict, type: r.type }]));
}

/** What each of our migrations must leave behind on a fresh database. */
const EXPECTED: Record<number, { tables: string[]; indexes: string[] }> = {
  11: { tables: ['collections', 'logo_collections'], indexes: ['collections_name', 'logo_collections_logo'] },
  12: { tables: ['activity'], indexes: ['activity_kind_id'] },
  13: { tables: ['logo_versions'], indexes: ['logo_versions_hash'] },
  14: { tables: ['logo_colors'], indexes: ['logo_colors_lab'] },
  15: { tables: ['settings', 'derived_files'], indexes: ['derived_files_lru', 'derived_files_source'] },
  16: { tables: [], indexes: ['logos_imported_at_id', 'logos_name_id', 'logos_byte_size_id'] },
  24: { tables: [], indexes: ['activity_rollup', 'activity_at'] },
  27: { tables: ['logo_colors'], indexes: ['logo_colors_lab'] },
  28: {
    tables: ['smart_collections', 'collections'],
    indexes: ['logos_rating_id', 'collections_sibling_name', 'collections_parent', 'smart_collections_name'],
  },
};

describe('migration 32: the palette R*Tree', () => {
  const entries = (db: Database.Database) =>
    db.prepare('SELECT id, min_l, max_l, min_a, max_a, min_b, max_b FROM logo_colors_rtree ORDER BY id').all() as {
      id: number;
      min_l: number;
      max_l: number;
      min_a: number;
      max_a: number;
      min_b: number;
      max_b: number;
    }[];
  /** One entry per palette colour, its 32-bit box holding the colour's exact L*a*b*. */
  const expectInStep = (db: Database.Database) => {
    const colours = db
      .prepare(
        `SELECT l.rowid * 1024 + c.position AS id, c.L, c.a, c.b FROM logo_colors c JOIN logos l ON l.id = c.logo_id
         ORDER BY id`,
      )
      .all() as { id: number; L: number; a: number; b: number }[];
    const boxes = entries(db);
    expect(boxes.map((e) => e.id)).toEqual(colours.map((c) => c.id));
    for (const [i, c] of colours.entries()) {
      const e = boxes[i] as (typeof boxes)[number];
      for (const [lo, v, hi] of [
        [e.min_l, c.L, e.max_l],
        [e.min_a, c.a, e.max_a],
        [e.min_b, c.b, e.max_b],
      ] as const) {
        expect(lo).toBeLessThanOrEqual(v);
        expect(hi).toBeGreaterThanOrEqual(v);
        expect(hi - lo).toBeLessThan(1e-4);
      }
    }
  };

  it('backfills the palettes already there', () => {
    const db = new Database(join(dir.path, 'backfill.sqlite'));
    db.pragma('foreign_keys = ON');
    for (const m of migrations.filter((m) => m.version < 32)) db.transaction(() => m.up(db))();
    seedLogos(db, 20);
    expect(tables(db).has('logo_colors_rtree')).toBe(false);
    for (const m of migrations.filter((m) => m.version >= 32)) db.transaction(() => m.up(db))();
    expect(entries(db).length).toBeGreaterThanOrEqual(20);
    expectInStep(db);
    db.close();
  });

  it('stays in step when palettes are rewritten, colours edited and logos deleted', () => {
    const db = openDatabase(join(dir.path, 'rtree.sqlite'));
    const logos = seedLogos(db, 12);
    const [first, second, third] = logos.map((l) => l.id);
    writePalette(db, first as string, [{ hex: '#ff0000', share: 1 }], false);
    writePalette(db, second as string, [], false);
    db.prepare('UPDATE logo_colors SET L = 50, a = 1, b = 2 WHERE logo_id = ? AND position = 0').run(third);
    expectInStep(db);
    expect(entries(db).some((e) => e.min_l === 50 && e.min_a === 1)).toBe(true);
    // A deleted logo's colours go by cascade; its R*Tree entries go with them.
    db.prepare('DELETE FROM logos WHERE id = ?').run(third);
    expectInStep(db);
    expect(entries(db).some((e) => e.min_l === 50 && e.min_a === 1)).toBe(false);
    expect(() =>
      db
        .prepare(
          `INSERT INTO logo_colors (logo_id, position, hex, L, a, b, c, m, y, k, share)
           VALUES (?, 1024, '#000000', 0, 0, 0, 0, 0, 0, 1, 1)`,
        )
        .run(first),
    ).toThrow(/position out of range/);
    db.close();
  });
});

describe('migrations', () => {
  it('are numbered, strictly increasing and named', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    for (const m of migrations) expect(m.name).toMatch(/^[a-z][a-z-]*$/);
  });

  for (const target of Object.keys(EXPECTED).map(Number)) {
    it(`migration ${target} applies on a fresh database (after its predecessors) with STRICT tables`, () => {
      const db = new Database(join(dir.path, `m${target}.sqlite`));
      db.pragma('foreign_keys = ON');
      for (const m of migrations) {
        if (m.version > target) break;
        db.transaction(() => m.up(db))();
      }
      const all = tables(db);
      for (const name of EXPECTED[target]?.tables ?? []) {
        expect(all.get(name), name).toBeDefined();
        expect(all.get(name)?.strict, `${name} is STRICT`).toBe(1);
      }
      const indexes = new Set(
        (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map(
          (r) => r.name,
        ),
      );
      for (const name of EXPECTED[target]?.indexes ?? []) expect(indexes.has(name), name).toBe(true);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    });
  }

  it('migration 27 keeps a palette colour’s nearest named ink and its dE00, and old rows read without one', () => {
    const db = openDatabase(join(dir.path, 'inks.sqlite'));
    const [logo] = seedLogos(db, 1);
    const id = logo?.id as string;
    writePalette(
      db,
      id,
      [
        { hex: '#2eb57d', share: 0.7, ink: { name: 'Book Green', book: 'Book', hex: '#2db47c', deltaE00: 0.42 } },
        { hex: '#4a154b', share: 0.3 },
      ],
      false,
    );
    const palette = readPalette(db, id);
    expect(palette?.colors[0]?.ink).toEqual({ name: 'Book Green', book: 'Book', hex: '#2db47c', deltaE00: 0.42 });
    expect(palette?.colors[1]?.ink).toBeUndefined();
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all('logo_colors') as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toEqual(expect.arrayContaining(['ink_name', 'ink_book', 'ink_hex', 'ink_delta_e00']));
    db.close();
  });

  it('migration 28 upgrades a library with logos and collections: unrated, at the top level', () => {
    const file = join(dir.path, 'v27.sqlite');
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    for (const m of migrations) if (m.version <= 27) raw.transaction(() => m.up(raw))();
    raw.pragma('user_version = 27');
    const [logo] = seedLogos(raw, 1);
    raw.prepare("INSERT INTO collections VALUES ('c1234567', 'Clients', 'x', 'x')").run();
    raw.close();

    const upgraded = openDatabase(file);
    expect(schemaVersion(upgraded)).toBe(migrations.at(-1)?.version);
    expect(upgraded.prepare('SELECT rating FROM logos WHERE id = ?').pluck().get(logo?.id)).toBe(0);
    expect(upgraded.prepare('SELECT name, parent_id, deleted_at FROM collections').get()).toEqual({
      name: 'Clients',
      parent_id: null,
      deleted_at: null,
    });
    expect(() => upgraded.prepare('UPDATE logos SET rating = 6').run()).toThrow(/CHECK/);
    upgraded.close();
  });

  it('openDatabase applies every migration, sets user_version and is idempotent', () => {
    const file = join(dir.path, 'library.sqlite');
    const db = openDatabase(file);
    const latest = migrations.at(-1)?.version;
    expect(schemaVersion(db)).toBe(latest);
    for (const [name, info] of tables(db)) {
      // Every ordinary table of the schema is STRICT (FTS5 shadow tables are SQLite's own).
      if (info.type === 'table' && !name.startsWith('logos_fts') && !name.startsWith('sqlite_'))
        expect(info.strict, name).toBe(1);
    }
    db.close();
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(latest);
    again.close();
  });

  it('refuses a database written by a newer Marque and leaves it untouched', () => {
    const file = join(dir.path, 'future.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 9999');
    raw.exec('CREATE TABLE from_the_future (x INTEGER) STRICT');
    raw.close();
    expect(() => openDatabase(file)).toThrowError(MarqueError);
    expect(() => openDatabase(file)).toThrowError(/newer Marque/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(9999);
    expect(tables(check).has('logos')).toBe(false);
    check.close();
  });

  it('rolls back every step when one migration fails (one transaction)', () => {
    const file = join(dir.path, 'half.sqlite');
    const raw = new Database(file);
    // A table in the way makes 0011 fail after 0010 ran inside the same transaction.
    raw.exec('CREATE TABLE collections (x INTEGER)');
    raw.close();
    expect(() => openDatabase(file)).toThrow();
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(check).has('logos')).toBe(false);
    check.close();
  });
});

describe('query plans of the indexes search relies on', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = openDatabase(join(dir.path, 'plans.sqlite'));
    // No ANALYZE: a designer's library has no statistics, so the plans must hold without them.
    seedLogos(db, 300);
  });
  afterEach(() => db.close());

  const plan = (sql: string, params: Record<string, unknown> = {}) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');
  const pageSql = (input: Record<string, unknown>) => {
    const query: ParsedLibraryQuery = libraryQuery.parse(input);
    const { where, params } = buildFilter(query);
    return { sql: `SELECT l.id FROM logos l WHERE ${where} ORDER BY ${orderBy(query)} LIMIT 100`, params };
  };

  it('text search goes through the FTS5 index', () => {
    const { sql, params } = pageSql({ search: 'goo' });
    expect(plan(sql, params)).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
  });

  it('text with a tag: the text drives, the tag is only a membership test (no multiplied id lists)', () => {
    const { sql, params } = pageSql({ search: 'a', tag: 'print', kind: 'raster' });
    const detail = plan(sql, params);
    expect(detail).toMatch(/SEARCH l USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(detail).not.toMatch(/id=\? AND/);
  });

  it('the tag filter reads logo_tags_tag', () => {
    const { sql, params } = pageSql({ tag: 'print' });
    expect(plan(sql, params)).toMatch(/logo_tags_tag/);
  });

  it('the collection filter reads the membership primary key', () => {
    const { sql, params } = pageSql({ collection: 'abcdefgh' });
    expect(plan(sql, params)).toMatch(/SEARCH lc USING PRIMARY KEY \(collection_id=\?\)/);
  });

  it('colour search reads the L*a*b* R*Tree by the tolerance box, page and count alike', () => {
    const query = libraryQuery.parse({ color: '#e63946', colorTolerance: 10 });
    const { sql, params } = pageSql({ color: '#e63946', colorTolerance: 10 });
    const count = buildFilter(query, 'count');
    for (const detail of [plan(sql, params), plan(`SELECT count(*) FROM logos l WHERE ${count.where}`, count.params)]) {
      // All six bounds are R*Tree constraints (B/D: min <=, max >=), and logos is reached by rowid.
      expect(detail).toMatch(/VIRTUAL TABLE INDEX \d+:B0D1B2D3B4D5/);
      expect(detail).toMatch(/SEARCH l USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(detail).not.toMatch(/logo_colors_lab|SCAN l\b/);
    }
  });

  it('a search alone is counted in its own index; its Trash through logos_trashed, no logo row per match', () => {
    for (const input of [{ search: 'goo' }, { color: '#e63946', colorTolerance: 10 }]) {
      const count = searchOnlyCount(libraryQuery.parse(input));
      const detail = plan(count?.sql ?? '', count?.params);
      expect(detail, JSON.stringify(input)).toMatch(/INDEX logos_trashed/);
      expect(detail, JSON.stringify(input)).not.toMatch(/SCAN l\b|SEARCH l USING INTEGER PRIMARY KEY/);
    }
  });

  it('a page of a broad search walks the sort index, testing membership, without sorting', () => {
    for (const input of [{ search: 'a' }, { color: '#e63946', colorTolerance: 30 }]) {
      const query = libraryQuery.parse(input);
      const { where, params } = buildFilter(query, 'page', { walkSort: true });
      const detail = plan(`SELECT l.id FROM logos l WHERE ${where} ORDER BY ${orderBy(query)} LIMIT 100`, params);
      expect(detail, JSON.stringify(input)).toMatch(/INDEX logos_imported_at_id/);
      expect(detail, JSON.stringify(input)).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('each sort order reads its index instead of sorting the library', () => {
    for (const [sort, index] of [
      ['name', 'logos_name_id'],
      ['importedAt', 'logos_imported_at_id'],
      ['byteSize', 'logos_byte_size_id'],
    ] as const) {
      const { sql, params } = pageSql({ sort });
      const detail = plan(sql, params);
      expect(detail, sort).toMatch(new RegExp(`INDEX ${index}`));
      expect(detail, sort).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('sorting by rating reads logos_rating_id; a minimum rating is a range on it', () => {
    const sorted = pageSql({ sort: 'rating' });
    expect(plan(sorted.sql, sorted.params)).toMatch(/INDEX logos_rating_id/);
    expect(plan(sorted.sql, sorted.params)).not.toMatch(/TEMP B-TREE/);
    const count = buildFilter(libraryQuery.parse({ minRating: 4 }), 'count');
    expect(plan(`SELECT count(*) FROM logos l WHERE ${count.where}`, count.params)).toMatch(
      /INDEX logos_rating_id \(rating>\?\)/,
    );
  });

  it('an import date range is a range on logos_imported_at_id', () => {
    const count = buildFilter(libraryQuery.parse({ importedFrom: '2024-01-01', importedTo: '2024-01-02' }), 'count');
    expect(plan(`SELECT count(*) FROM logos l WHERE ${count.where}`, count.params)).toMatch(
      /INDEX logos_imported_at_id \(imported_at>\? AND imported_at<\?\)/,
    );
  });

  it('a logo is found by its master hash through the unique index', () => {
    expect(plan('SELECT id FROM logos WHERE hash = ?'.replace('?', "'x'"))).toMatch(/INDEX logos_hash/);
  });

  it('empty-Trash asks whether a version still uses a blob through logo_versions_hash', () => {
    expect(plan("SELECT 1 FROM logo_versions WHERE hash = 'x'")).toMatch(/logo_versions_hash/);
  });

  it('the activity log of one kind pages through activity_kind_id', () => {
    const detail = plan("SELECT * FROM activity WHERE kind = 'export' ORDER BY id DESC LIMIT 50");
    expect(detail).toMatch(/activity_kind_id/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('eviction picks the least recently used derived files from derived_files_lru', () => {
    const detail = plan('SELECT kind, key, byte_size FROM derived_files ORDER BY last_used');
    expect(detail).toMatch(/derived_files_lru/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
