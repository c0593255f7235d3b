/** Nested collections with Undo, ratings, smart collections and the tag manager, on real SQLite. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src/main/core/database/database.ts';
import { EventHub } from '../../../src/main/core/events.ts';
import { CollectionsService } from '../../../src/main/core/library/collections-service.ts';
import { setRating } from '../../../src/main/core/library/logo-edits.ts';
import { buildFilter } from '../../../src/main/core/library/query.ts';
import { readSavedQuery, SmartCollectionsService } from '../../../src/main/core/library/smart-collections-service.ts';
import { TagsService } from '../../../src/main/core/library/tags-service.ts';
import { type LibraryQuery, libraryQuery } from '../../../src/shared/contract/index.ts';
import { savedQuery } from '../../../src/shared/contract/smart-collections.ts';
import { type SeededLogo, seedLogos } from '../../helpers/library-seed.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let dir: { path: string; cleanup: () => Promise<void> };
let db: Db;
let events: EventHub;
let logos: SeededLogo[];

beforeEach(async () => {
  dir = await tempDir();
  db = openDatabase(join(dir.path, 'library.sqlite'));
  events = new EventHub();
  logos = seedLogos(db, 40);
});
afterEach(async () => {
  db.close();
  await dir.cleanup();
});

/** Ids the grid would show for a query, in its order. */
function ids(input: LibraryQuery): string[] {
  const query = libraryQuery.parse({ limit: 500, ...input });
  const { where, params } = buildFilter(query);
  const order = query.sort === 'rating' ? `l.rating ${query.order}, l.id ${query.order}` : 'l.id';
  return db.prepare(`SELECT l.id FROM logos l WHERE ${where} ORDER BY ${order}`).pluck().all(params) as string[];
}
const id = (n: number) => (logos[n] as SeededLogo).id;

describe('nested collections', () => {
  it('nest, refuse a cycle, keep names unique among siblings only', () => {
    const collections = new CollectionsService(db, events);
    const client = collections.create('Client A');
    const logosA = collections.create('Logos', client.id);
    const other = collections.create('Client B');
    expect(collections.create('Logos', other.id).parentId).toBe(other.id);
    expect(() => collections.create('logos', client.id)).toThrow(/already exists/);
    expect(() => collections.move(client.id, logosA.id)).toThrow(/inside itself/);
    expect(collections.move(logosA.id, null).parentId).toBeNull();
  });

  it('delete takes the children along; restore brings back both with their logos; a restart forgets', () => {
    const collections = new CollectionsService(db, events);
    const parent = collections.create('Client A');
    const child = collections.create('Print', parent.id);
    collections.addLogos(parent.id, [id(0), id(1)]);
    collections.addLogos(child.id, [id(2)]);
    expect(collections.forLogo(id(2)).map((c) => c.name)).toEqual(['Print']);

    expect(collections.delete(parent.id)).toEqual({ deleted: true });
    expect(collections.list()).toEqual([]);
    expect(collections.forLogo(id(2))).toEqual([]);
    // The name is free again while the deleted one waits for Undo…
    const reused = collections.create('Client A');
    expect(() => collections.restore(parent.id)).toThrow(/already exists/);
    collections.delete(reused.id);

    const back = collections.restore(parent.id);
    expect(back.logoCount).toBe(2);
    expect(collections.list().map((c) => [c.name, c.parentId, c.logoCount])).toEqual([
      ['Client A', null, 2],
      ['Print', parent.id, 1],
    ]);

    collections.delete(child.id);
    new CollectionsService(db, events);
    expect(() => collections.restore(child.id)).toThrow(/No collection/);
    expect(db.prepare('SELECT count(*) FROM logo_collections WHERE collection_id = ?').pluck().get(child.id)).toBe(0);
  });
});

describe('ratings, minimum rating and import days', () => {
  it('filters by minimum rating, sorts by rating and by day range', () => {
    expect(setRating(db, [id(0), id(1)], 5)).toBe(2);
    expect(setRating(db, [id(0), id(2)], 5)).toBe(1);
    setRating(db, [id(3)], 3);
    expect(ids({ minRating: 5 }).sort()).toEqual([id(0), id(1), id(2)].sort());
    expect(ids({ minRating: 3 })).toHaveLength(4);
    expect(ids({ sort: 'rating', order: 'desc' }).slice(0, 4).at(-1)).toBe(id(3));
    expect(() => setRating(db, ['nosuchlogo'], 1)).toThrow(/No logo/);
    expect(libraryQuery.safeParse({ minRating: 6 }).success).toBe(false);

    // Seeded logos are imported a minute apart from 2024-01-01T00:00Z: all on the first day.
    expect(ids({ importedFrom: '2024-01-01', importedTo: '2024-01-01' })).toHaveLength(40);
    expect(ids({ importedFrom: '2024-01-02' })).toEqual([]);
    expect(ids({ importedTo: '2023-12-31' })).toEqual([]);
    expect(libraryQuery.safeParse({ importedFrom: '2024-13-01' }).success).toBe(false);
  });
});

describe('smart collections', () => {
  it('save the whole query, count live, rename and delete', () => {
    const smart = new SmartCollectionsService(db, events);
    const query = savedQuery.parse({ tag: 'print', minRating: 4, format: undefined });
    const saved = smart.create('Print, rated', query);
    expect(saved.logoCount).toBe(0);
    expect(saved.query).toMatchObject({ tag: 'print', minRating: 4, sort: 'importedAt' });

    const printed = ids({ tag: 'print' });
    setRating(db, printed.slice(0, 2), 4);
    expect(smart.list()[0]?.logoCount).toBe(2);
    db.prepare('UPDATE logos SET deleted_at = ? WHERE id = ?').run('2025-01-01T00:00:00Z', printed[0]);
    expect(smart.get(saved.id).logoCount).toBe(1);

    expect(() => smart.create('print, RATED', query)).toThrow(/already exists/);
    expect(smart.rename(saved.id, 'Best print').name).toBe('Best print');
    expect(smart.delete(saved.id)).toEqual({ deleted: true });
    expect(smart.list()).toEqual([]);
  });

  it('a stored filter the query no longer accepts is dropped, the rest is kept', () => {
    expect(readSavedQuery(JSON.stringify({ tag: 'web', noSuchFilter: 1, minRating: 9 }))).toMatchObject({
      tag: 'web',
      sort: 'importedAt',
    });
    expect(readSavedQuery('not json').tag).toBeUndefined();
    expect(() => db.prepare("INSERT INTO smart_collections VALUES ('x1234567', 'bad', '{', '', '')").run()).toThrow();
  });
});

describe('tag manager', () => {
  it('lists counts, renames, merges (one copy each) and deletes, with search in step', () => {
    const tags = new TagsService(db, events);
    const counts = new Map(tags.list().map((t) => [t.tag, t.logoCount]));
    const web = ids({ tag: 'web' });
    const print = ids({ tag: 'print' });
    expect(counts.get('web')).toBe(web.length);

    const renamed = tags.rename('web', 'Online');
    expect(renamed.logoIds.slice().sort()).toEqual(web.slice().sort());
    expect(ids({ tag: 'online' }).sort()).toEqual(web.slice().sort());
    expect(ids({ search: 'online' }).sort()).toEqual(web.slice().sort());

    const merged = tags.rename('print', 'online');
    const both = new Set([...web, ...print]);
    expect(merged.alreadyTagged.slice().sort()).toEqual(print.filter((x) => web.includes(x)).sort());
    expect(ids({ tag: 'online' }).sort()).toEqual([...both].sort());
    expect(tags.list().find((t) => t.tag === 'print')).toBeUndefined();

    expect(tags.rename('Online', 'ONLINE').alreadyTagged).toEqual([]);
    expect(tags.list().find((t) => t.tag.toLowerCase() === 'online')?.tag).toBe('ONLINE');

    const deleted = tags.delete('online');
    expect(deleted.logoIds).toHaveLength(both.size);
    expect(ids({ tag: 'online' })).toEqual([]);
    expect(() => tags.rename('nosuchtag', 'x')).toThrow(/No logo is tagged/);
  });
});
