import { randomBytes } from 'node:crypto';
import type { Collection } from '../../../shared/contract/collections.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { Db } from '../database/database.ts';
import type { EventHub } from '../events.ts';

interface CollectionRow {
  id: string;
  name: string;
  parent_id: string | null;
  created_at: string;
  updated_at: string;
  logo_count: number;
}

const SELECT = `
  SELECT c.id, c.name, c.parent_id, c.created_at, c.updated_at,
         (SELECT count(*) FROM logo_collections lc JOIN logos l ON l.id = lc.logo_id
          WHERE lc.collection_id = c.id AND l.deleted_at IS NULL) AS logo_count
  FROM collections c`;

/** A collection and every collection under it, as a recursive CTE named `subtree`. */
const SUBTREE = `
  WITH RECURSIVE subtree(id) AS (
    SELECT @id
    UNION SELECT c.id FROM collections c JOIN subtree s ON c.parent_id = s.id
  )`;

function toCollection(row: CollectionRow): Collection {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    logoCount: row.logo_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function newId(): string {
  return randomBytes(9).toString('base64url').replace(/^[-_]/, 'x');
}

/**
 * Named, nested groups of logos. Deleting keeps the rows (deleted_at) until the next start, so
 * Undo can bring a collection back with its children and logos. Every change is announced as
 * 'library.changed' so views refresh.
 */
export class CollectionsService {
  readonly #db: Db;
  readonly #events: EventHub;

  constructor(db: Db, events: EventHub) {
    this.#db = db;
    this.#events = events;
    // Undo lives as long as the session that deleted: a new start forgets deleted collections.
    db.prepare('DELETE FROM collections WHERE deleted_at IS NOT NULL').run();
  }

  list(): Collection[] {
    return (
      this.#db
        .prepare(`${SELECT} WHERE c.deleted_at IS NULL ORDER BY c.name COLLATE NOCASE, c.id`)
        .all() as CollectionRow[]
    ).map(toCollection);
  }

  /** The live collections that hold a logo. */
  forLogo(logoId: string): Collection[] {
    return (
      this.#db
        .prepare(
          `${SELECT} JOIN logo_collections m ON m.collection_id = c.id
           WHERE m.logo_id = ? AND c.deleted_at IS NULL ORDER BY c.name COLLATE NOCASE, c.id`,
        )
        .all(logoId) as CollectionRow[]
    ).map(toCollection);
  }

  get(id: string): Collection {
    const row = this.#db.prepare(`${SELECT} WHERE c.id = ? AND c.deleted_at IS NULL`).get(id) as
      | CollectionRow
      | undefined;
    if (!row) throw new MarqueError('NOT_FOUND', `No collection with id ${id}`);
    return toCollection(row);
  }

  create(name: string, parentId: string | null = null): Collection {
    const id = newId();
    const now = new Date().toISOString();
    if (parentId) this.get(parentId);
    this.#unique(name, parentId, null);
    this.#db
      .prepare('INSERT INTO collections (id, name, parent_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, name, parentId, now, now);
    this.#changed([]);
    return this.get(id);
  }

  rename(id: string, name: string): Collection {
    const current = this.get(id);
    this.#unique(name, current.parentId, id);
    this.#db
      .prepare('UPDATE collections SET name = ?, updated_at = ? WHERE id = ?')
      .run(name, new Date().toISOString(), id);
    // Its logos' details list it by name: they are told.
    this.#changed(
      this.#db.prepare('SELECT logo_id FROM logo_collections WHERE collection_id = ?').pluck().all(id) as string[],
    );
    return this.get(id);
  }

  /** Nests a collection in another (null: the top level); refuses to put it inside itself. */
  move(id: string, parentId: string | null): Collection {
    const current = this.get(id);
    if (parentId) {
      this.get(parentId);
      const inside = this.#db
        .prepare(`${SUBTREE} SELECT 1 FROM subtree WHERE id = @parent`)
        .get({ id, parent: parentId });
      if (inside) throw new MarqueError('INVALID_INPUT', `"${current.name}" cannot go inside itself`);
    }
    this.#unique(current.name, parentId, id);
    this.#db
      .prepare('UPDATE collections SET parent_id = ?, updated_at = ? WHERE id = ?')
      .run(parentId, new Date().toISOString(), id);
    this.#changed([]);
    return this.get(id);
  }

  /** Deletes a collection and its sub-collections (kept for `restore` until the next start). */
  delete(id: string): { deleted: boolean } {
    const now = new Date().toISOString();
    const { changes, members } = this.#db.transaction(() => {
      const live = this.#db.prepare('SELECT 1 FROM collections WHERE id = ? AND deleted_at IS NULL').get(id);
      if (!live) return { changes: 0, members: [] as string[] };
      const members = this.#db
        .prepare(`${SUBTREE} SELECT DISTINCT logo_id FROM logo_collections WHERE collection_id IN subtree`)
        .pluck()
        .all({ id }) as string[];
      const result = this.#db
        .prepare(`${SUBTREE} UPDATE collections SET deleted_at = @now WHERE id IN subtree AND deleted_at IS NULL`)
        .run({ id, now });
      return { changes: result.changes, members };
    })();
    if (changes > 0) this.#changed(members);
    return { deleted: changes > 0 };
  }

  /** Brings back a collection deleted this session, with what was deleted with it; at the top if its parent is gone. */
  restore(id: string): Collection {
    const row = this.#db.prepare('SELECT name, parent_id, deleted_at FROM collections WHERE id = ?').get(id) as
      | { name: string; parent_id: string | null; deleted_at: string | null }
      | undefined;
    if (!row) throw new MarqueError('NOT_FOUND', `No collection with id ${id}`);
    if (row.deleted_at === null) return this.get(id);
    const parentLive =
      row.parent_id !== null &&
      this.#db.prepare('SELECT 1 FROM collections WHERE id = ? AND deleted_at IS NULL').get(row.parent_id) !==
        undefined;
    const parentId = parentLive ? row.parent_id : null;
    this.#unique(row.name, parentId, id);
    this.#db.transaction(() => {
      this.#db
        .prepare(`${SUBTREE} UPDATE collections SET deleted_at = NULL WHERE id IN subtree AND deleted_at = @at`)
        .run({ id, at: row.deleted_at });
      this.#db.prepare('UPDATE collections SET parent_id = ? WHERE id = ?').run(parentId, id);
    })();
    this.#changed(this.#members(id));
    return this.get(id);
  }

  addLogos(id: string, logoIds: readonly string[]): Collection {
    this.get(id);
    const now = new Date().toISOString();
    const known = this.#db.prepare('SELECT 1 FROM logos WHERE id = ?');
    const add = this.#db.prepare(
      'INSERT OR IGNORE INTO logo_collections (collection_id, logo_id, added_at) VALUES (?, ?, ?)',
    );
    this.#db.transaction(() => {
      for (const logoId of logoIds) {
        if (!known.get(logoId)) throw new MarqueError('NOT_FOUND', `No logo with id ${logoId}`);
        add.run(id, logoId, now);
      }
      this.#db.prepare('UPDATE collections SET updated_at = ? WHERE id = ?').run(now, id);
    })();
    this.#changed(logoIds);
    return this.get(id);
  }

  removeLogos(id: string, logoIds: readonly string[]): Collection {
    this.get(id);
    const remove = this.#db.prepare('DELETE FROM logo_collections WHERE collection_id = ? AND logo_id = ?');
    this.#db.transaction(() => {
      for (const logoId of logoIds) remove.run(id, logoId);
      this.#db.prepare('UPDATE collections SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), id);
    })();
    this.#changed(logoIds);
    return this.get(id);
  }

  #members(id: string): string[] {
    return this.#db
      .prepare(`${SUBTREE} SELECT DISTINCT logo_id FROM logo_collections WHERE collection_id IN subtree`)
      .pluck()
      .all({ id }) as string[];
  }

  /** Names are unique among live siblings, ignoring case (the index enforces it; this says it kindly). */
  #unique(name: string, parentId: string | null, self: string | null): void {
    const clash = this.#db
      .prepare(
        `SELECT id FROM collections WHERE coalesce(parent_id, '') = coalesce(?, '') AND name = ? COLLATE NOCASE
         AND deleted_at IS NULL`,
      )
      .get(parentId, name) as { id: string } | undefined;
    if (clash && clash.id !== self)
      throw new MarqueError('INVALID_INPUT', `A collection named "${name}" already exists here`);
  }

  #changed(ids: readonly string[]): void {
    this.#events.emit('library.changed', { kind: 'updated', ids: [...new Set(ids)] });
  }
}
