import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/main/core/database/database.ts';
import { openDatabase } from '../../../src/main/core/database/database.ts';
import { buildFilter, countLogos, orderBy, searchOnlyCount } from '../../../src/main/core/library/query.ts';
import { hexToLab } from '../../../src/shared/colour.ts';
import { libraryQuery } from '../../../src/shared/contract/library.ts';
import { seedLogos } from '../../helpers/library-seed.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let dir: { path: string; cleanup: () => Promise<void> };
let db: Db;
let seeded: ReturnType<typeof seedLogos>;
beforeEach(async () => {
  dir = await tempDir();
  db = openDatabase(join(dir.path, 'search.sqlite'));
  seeded = seedLogos(db, 400);
  // A Trash to subtract: every seventh logo.
  db.prepare("UPDATE logos SET deleted_at = '2025-01-01T00:00:00.000Z' WHERE (rowid % 7) = 0").run();
});
afterEach(async () => {
  db.close();
  await dir.cleanup();
});

const generalCount = (input: Record<string, unknown>) => {
  const { where, params } = buildFilter(libraryQuery.parse(input), 'count');
  return (db.prepare(`SELECT count(*) AS n FROM logos l WHERE ${where}`).get(params) as { n: number }).n;
};
const pageIds = (input: Record<string, unknown>, walkSort: boolean) => {
  const query = libraryQuery.parse(input);
  const { where, params } = buildFilter(query, 'page', { walkSort });
  return db
    .prepare(`SELECT l.id FROM logos l WHERE ${where} ORDER BY ${orderBy(query)} LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...params, limit: query.limit, offset: query.offset });
};
const deltaE = (x: readonly number[], y: readonly number[]) => Math.hypot(...x.map((v, i) => v - (y[i] as number)));

describe('search counts and pages at scale', () => {
  const queries = [
    { search: 'a' },
    { search: 'go' },
    { search: 'client' },
    { color: '#e63946', colorTolerance: 10 },
    { color: '#1d3557', colorTolerance: 25 },
    { color: '#ffffff', colorTolerance: 40 },
  ];

  it('a text or colour search alone is counted from its index, less the Trash, as the general count', () => {
    for (const input of queries) {
      const query = libraryQuery.parse(input);
      expect(searchOnlyCount(query), JSON.stringify(input)).not.toBeNull();
      expect(countLogos(db, query), JSON.stringify(input)).toBe(generalCount(input));
    }
    // Any other filter (or the Trash itself) takes the general count.
    for (const input of [
      { search: 'a', tag: 'print' },
      { color: '#e63946', favorite: true },
      { search: 'a', trashed: true },
      {},
    ]) {
      const query = libraryQuery.parse(input);
      expect(searchOnlyCount(query), JSON.stringify(input)).toBeNull();
      expect(countLogos(db, query)).toBe(generalCount(input));
    }
  });

  it('colour search finds exactly the live logos with a colour within the tolerance', () => {
    let matched = 0;
    const live = new Set(db.prepare('SELECT id FROM logos WHERE deleted_at IS NULL').pluck().all() as string[]);
    for (const [hex, tolerance] of [
      ['#e63946', 10],
      ['#2a9d8f', 30],
    ] as const) {
      const target = hexToLab(hex);
      const expected = seeded
        .filter((logo) => live.has(logo.id) && logo.colors.some((c) => deltaE(hexToLab(c), target) <= tolerance))
        .map((logo) => logo.id)
        .sort();
      const found = (pageIds({ color: hex, colorTolerance: tolerance, limit: 500 }, false) as string[]).sort();
      expect(found).toEqual(expected);
      matched += found.length;
      expect(countLogos(db, libraryQuery.parse({ color: hex, colorTolerance: tolerance }))).toBe(expected.length);
    }
    expect(matched).toBeGreaterThan(0);
  });

  it('walking the sort index pages exactly as reading and sorting the matches does', () => {
    for (const input of queries) {
      for (const extra of [{}, { sort: 'name', order: 'asc' }, { offset: 20, limit: 10 }]) {
        const q = { ...input, ...extra };
        expect(pageIds(q, true), JSON.stringify(q)).toEqual(pageIds(q, false));
      }
    }
  });
});
