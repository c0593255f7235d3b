import { randomBytes } from 'node:crypto';
import type { Collection } from '../../../shared/contract/collections.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { Db } from '../database/database.ts';
import type { EventHub } from '../events.ts';

interface CollectionRow {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
  logo_count: number;
}

const SELECT = `
  SELECT c.*, (SELECT count(*) FROM logo_collections lc JOIN logos l ON l.id = lc.logo_id
               WHERE lc.collection_id = c.id AND l.deleted_at IS NULL) AS logo_count
  FROM collections c`;

function toCollection(row: CollectionRow): Collection {
  return {
    id: row.id,
    name: row.name,
    logoCount: row.logo_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Named groups of logos. Every change is announced as 'library.changed' so views refresh. */
export class CollectionsService {
  readonly #db: Db;
  readonly #events: EventHub;

  constructor(db: Db, events: EventHub) {
    this.#db = db;
    this.#events = events;
  }

  list(): Collection[] {
    return (this.#db.prepare(`${SELECT} ORDER BY c.name COLLATE NOCASE, c.id`).all() as CollectionRow[]).map(
      toCollection,
    );
  }

  get(id: string): Collection {
    const row = this.#db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as CollectionRow | undefined;
    if (!row) throw new MarqueError('NOT_FOUND', `No collection with id ${id}`);
    return toCollection(row);
  }

  create(name: string): Collection {
    const id = randomBytes(9).toString('base64url').replace(/^[-_]/, 'x');
    const now = new Date().toISOString();
    this.#unique(name, null);
    this.#db
      .prepare('INSERT INTO collections (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(id, name, now, now);
    this.#changed([]);
    return this.get(id);
  }

  rename(id: string, name: string): Collection {
    this.get(id);
    this.#unique(name, id);
    this.#db
      .prepare('UPDATE collections SET name = ?, updated_at = ? WHERE id = ?')
      .run(name, new Date().toISOString(), id);
    this.#changed([]);
    return this.get(id);
  }

  delete(id: string): { deleted: boolean } {
    const members = this.#members(id);
    const { changes } = this.#db.prepare('DELETE FROM collections WHERE id = ?').run(id);
    if (changes > 0) this.#changed(members);
    return { deleted: changes > 0 };
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
    return (
      this.#db.prepare('SELECT logo_id FROM logo_collections WHERE collection_id = ?').all(id) as { logo_id: string }[]
    ).map((row) => row.logo_id);
  }

  #unique(name: string, self: string | null): void {
    const clash = this.#db.prepare('SELECT id FROM collections WHERE name = ? COLLATE NOCASE').get(name) as
      | { id: string }
      | undefined;
    if (clash && clash.id !== self)
      throw new MarqueError('INVALID_INPUT', `A collection named "${name}" already exists`);
  }

  #changed(ids: readonly string[]): void {
    this.#events.emit('library.changed', { kind: 'updated', ids: [...ids] });
  }
}
