import type { z } from 'zod';
import type { libraryQuery } from '../../../shared/contract/index.ts';
import { hexToLab } from './color-lab.ts';

export type ParsedLibraryQuery = z.output<typeof libraryQuery>;

const SORT_COLUMNS = { name: 'l.name COLLATE NOCASE', importedAt: 'l.imported_at', byteSize: 'l.byte_size' } as const;

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

/** Builds the WHERE clause and parameters shared by the page query and its count. */
export function buildFilter(query: ParsedLibraryQuery): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = [query.trashed ? 'l.deleted_at IS NOT NULL' : 'l.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  const fts = query.search ? toFtsQuery(query.search) : null;
  if (fts) {
    clauses.push('l.rowid IN (SELECT rowid FROM logos_fts WHERE logos_fts MATCH @fts)');
    params.fts = fts;
  }
  if (query.format) {
    clauses.push('l.format = @format');
    params.format = query.format;
  }
  if (query.kind) clauses.push(query.kind === 'vector' ? 'l.is_vector = 1' : 'l.is_vector = 0');
  if (query.tag) {
    // IN (…) rather than EXISTS: SQLite reads the tag's logos from logo_tags_tag once.
    clauses.push('l.id IN (SELECT t.logo_id FROM logo_tags t WHERE t.tag = @tag)');
    params.tag = query.tag.trim().replace(/\s+/g, ' ');
  }
  if (query.collection) {
    clauses.push('l.id IN (SELECT lc.logo_id FROM logo_collections lc WHERE lc.collection_id = @collection)');
    params.collection = query.collection;
  }
  if (query.color) {
    // Delta E CIE76 is a distance in L*a*b*: the box bounds use the covering index logo_colors_lab,
    // the sphere test then keeps only colours truly within the tolerance.
    const [L, a, b] = hexToLab(query.color);
    clauses.push(`l.id IN (SELECT c.logo_id FROM logo_colors c
      WHERE c.L BETWEEN @cL - @ct AND @cL + @ct AND c.a BETWEEN @ca - @ct AND @ca + @ct AND c.b BETWEEN @cb - @ct AND @cb + @ct
        AND (c.L - @cL) * (c.L - @cL) + (c.a - @ca) * (c.a - @ca) + (c.b - @cb) * (c.b - @cb) <= @ct * @ct)`);
    Object.assign(params, { cL: L, ca: a, cb: b, ct: query.colorTolerance });
  }
  if (query.favorite !== undefined) {
    clauses.push('l.favorite = @favorite');
    params.favorite = query.favorite ? 1 : 0;
  }
  return { where: clauses.join(' AND '), params };
}

export function orderBy(query: ParsedLibraryQuery): string {
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  // id breaks ties so paging is stable.
  return `${SORT_COLUMNS[query.sort]} ${direction}, l.id ${direction}`;
}
