import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../src/main/core/database/database.ts';
import { migrations } from '../../../src/main/core/database/migrations/index.ts';
import { readPalette, writePalette } from '../../../src/main/core/library/palette-rows.ts';
import { buildFilter, orderBy, type ParsedLibraryQuery } from '../../../src/main/core/library/query.ts';
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
};

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

  it('colour search scans the covering L*a*b* index', () => {
    const { sql, params } = pageSql({ color: '#e63946', colorTolerance: 10 });
    expect(plan(sql, params)).toMatch(/COVERING INDEX logo_colors_lab \(L>\? AND L<\?\)/);
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
