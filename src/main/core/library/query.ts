import type { z } from 'zod';
import { hexToLab } from '../../../shared/colour.ts';
import type { libraryQuery } from '../../../shared/contract/index.ts';
import type { Db } from '../database/database.ts';

export type ParsedLibraryQuery = z.output<typeof libraryQuery>;

const SORT_COLUMNS = {
  name: 'l.name COLLATE NOCASE',
  importedAt: 'l.imported_at',
  byteSize: 'l.byte_size',
  rating: 'l.rating',
} as const;

/** The day after a 'YYYY-MM-DD' day, so "imported on or before" compares with `<` on ISO times. */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Turns what a designer types into an FTS5 prefix query: every word must match the start of a token. */
export function toFtsQuery(search: string): string | null {
  const words = search
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}

/**
 * Builds the WHERE clause and parameters shared by the page query and its count.
 *
 * The plan is fixed here rather than left to SQLite's guesses (a library has no ANALYZE
 * statistics): at most one set filter drives the query, the most selective kind first
 * (text, then colour, collection, tag); every other filter is written with a unary `+`, which
 * keeps it a cheap membership test instead of an index constraint. Without this, a text + tag
 * query let SQLite multiply both id lists (seconds on 10,000 logos). With no set filter the page
 * walks the sort column's index and stops after one page.
 *
 * Tags and collections are broad (a tag may hold a sixth of the library): their page walks the
 * sort index testing membership and stops after one page, while their count drives from the
 * set (`purpose: 'count'`), so neither sorts nor probes every match.
 */
export function buildFilter(
  query: ParsedLibraryQuery,
  purpose: 'page' | 'count' = 'page',
  options: { walkSort?: boolean } = {},
): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = [query.trashed ? '+l.deleted_at IS NOT NULL' : '+l.deleted_at IS NULL'];
  const { sets, params } = setFilters(query);
  const walk = purpose === 'page' && (options.walkSort || sets[0]?.broad);
  const drives = sets[0] && !walk ? sets[0] : null;
  for (const set of sets) clauses.push(`${set === drives ? '' : '+'}${set.column} IN (${set.subquery})`);
  if (query.format) {
    clauses.push('+l.format = @format');
    params.format = query.format;
  }
  if (query.kind) clauses.push(query.kind === 'vector' ? '+l.is_vector = 1' : '+l.is_vector = 0');
  // Rating and import day are ranges on their own indexes (logos_rating_id, logos_imported_at_id):
  // when no set drives, they may drive (a few rated logos among many); else they stay tests.
  const range = drives ? '+' : '';
  if (query.minRating) {
    clauses.push(`${range}l.rating >= @minRating`);
    params.minRating = query.minRating;
  }
  if (query.importedFrom) {
    clauses.push(`${range}l.imported_at >= @importedFrom`);
    params.importedFrom = query.importedFrom;
  }
  if (query.importedTo) {
    clauses.push(`${range}l.imported_at < @importedBefore`);
    params.importedBefore = nextDay(query.importedTo);
  }
  if (query.favorite !== undefined) {
    clauses.push('+l.favorite = @favorite');
    params.favorite = query.favorite ? 1 : 0;
  }
  return { where: clauses.join(' AND '), params };
}

interface SetFilter {
  column: 'l.rowid' | 'l.id';
  /** Selects the logos' `column` as `m`. */
  subquery: string;
  /** A set that may hold a large part of the library: its page walks the sort index. */
  broad?: boolean;
}

/** The filters that are sets of logos (text, colour, collection, tag), most selective kind first. */
function setFilters(query: ParsedLibraryQuery): { sets: SetFilter[]; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const sets: SetFilter[] = [];
  const fts = query.search ? toFtsQuery(query.search) : null;
  if (fts) {
    sets.push({ column: 'l.rowid', subquery: 'SELECT rowid AS m FROM logos_fts WHERE logos_fts MATCH @fts' });
    params.fts = fts;
  }
  if (query.color) {
    // Delta E CIE76 is a distance in L*a*b*: the tolerance's box is a range query on the R*Tree
    // logo_colors_rtree (migration 32), then the distance to each colour's entry (a point rounded
    // outwards to 32-bit floats, so never farther than the colour) keeps those within the sphere.
    // An entry's id is its logo's rowid * 1024 + position.
    const [L, a, b] = hexToLab(query.color);
    const t = query.colorTolerance;
    const axis = (axis: string, centre: string) =>
      `max(r.min_${axis} - ${centre}, ${centre} - r.max_${axis}, 0) * max(r.min_${axis} - ${centre}, ${centre} - r.max_${axis}, 0)`;
    sets.push({
      column: 'l.rowid',
      subquery: `SELECT r.id >> 10 AS m FROM logo_colors_rtree r
        WHERE r.min_l <= @cL1 AND r.max_l >= @cL0 AND r.min_a <= @ca1 AND r.max_a >= @ca0
          AND r.min_b <= @cb1 AND r.max_b >= @cb0
          AND ${axis('l', '@cL')} + ${axis('a', '@ca')} + ${axis('b', '@cb')} <= @ct2`,
    });
    Object.assign(params, {
      cL: L,
      ca: a,
      cb: b,
      ct2: t * t,
      cL0: L - t,
      cL1: L + t,
      ca0: a - t,
      ca1: a + t,
      cb0: b - t,
      cb1: b + t,
    });
  }
  if (query.collection) {
    sets.push({
      column: 'l.id',
      subquery: 'SELECT lc.logo_id FROM logo_collections lc WHERE lc.collection_id = @collection',
      broad: true,
    });
    params.collection = query.collection;
  }
  if (query.tag) {
    sets.push({ column: 'l.id', subquery: 'SELECT t.logo_id FROM logo_tags t WHERE t.tag = @tag', broad: true });
    params.tag = query.tag.trim().replace(/\s+/g, ' ');
  }
  return { sets, params };
}

export function orderBy(query: ParsedLibraryQuery): string {
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  // id breaks ties so paging is stable.
  return `${SORT_COLUMNS[query.sort]} ${direction}, l.id ${direction}`;
}

/**
 * The count of a query made of one text or colour filter alone (the common search), without
 * reading a logo row per match: the matches counted in their own index (distinct logos: two
 * colours of one logo may both match), less the trashed ones among them, found through
 * logos_trashed (a partial index; the Trash is small). Null for any other query, which
 * buildFilter's count answers.
 */
export function searchOnlyCount(query: ParsedLibraryQuery): { sql: string; params: Record<string, unknown> } | null {
  if (query.trashed) return null;
  const fts = query.search ? toFtsQuery(query.search) : null;
  if (Boolean(fts) === Boolean(query.color)) return null;
  if (
    query.collection ||
    query.tag ||
    query.format ||
    query.kind ||
    query.minRating ||
    query.importedFrom ||
    query.importedTo ||
    query.favorite !== undefined
  )
    return null;
  const { sets, params } = setFilters(query);
  const set = sets[0] as SetFilter;
  return {
    sql: `SELECT (SELECT count(${query.color ? 'DISTINCT m' : '*'}) FROM (${set.subquery}))
      - (SELECT count(*) FROM logos l WHERE l.deleted_at IS NOT NULL AND +${set.column} IN (${set.subquery})) AS n`,
    params,
  };
}

/**
 * Whether a page of `total` matches is cheaper found by walking the sort order's index and testing
 * membership (about (offset + limit) * library / total entries visited, stopping after one page)
 * than by reading every match and sorting them (total rows): a broad text search like "fo" matches a
 * sixth of the library.
 */
export function walkSortIndex(total: number, librarySize: number, query: ParsedLibraryQuery): boolean {
  // A step of the walk (an index entry tested against the set) costs about a quarter of reading a
  // match's row and sorting it (measured at 100,000 logos). Assumes matches spread over the order.
  return total > 0 && (query.offset + query.limit) * librarySize < 4 * total * total;
}

/** How many logos match: the grid's total and a smart collection's count. */
export function countLogos(db: Db, query: ParsedLibraryQuery): number {
  const { sql, params } = searchOnlyCount(query) ?? countSql(query);
  return (db.prepare(sql).get(params) as { n: number }).n;
}

function countSql(query: ParsedLibraryQuery): { sql: string; params: Record<string, unknown> } {
  const { where, params } = buildFilter(query, 'count');
  return { sql: `SELECT count(*) AS n FROM logos l WHERE ${where}`, params };
}
