import type { SavedQuery, SmartCollection } from '../../../shared/contract/smart-collections.ts';
import { savedQuery } from '../../../shared/contract/smart-collections.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { Db } from '../database/database.ts';
import type { EventHub } from '../events.ts';
import { newId } from './collections-service.ts';
import { countLogos } from './query.ts';

interface SmartRow {
  id: string;
  name: string;
  query: string;
  created_at: string;
  updated_at: string;
}

/**
 * Reads a stored query back through the contract's schema. A filter the query no longer knows
 * (or no longer accepts) is dropped rather than losing the whole saved search.
 */
export function readSavedQuery(json: string): SavedQuery {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    raw = {};
  }
  const first = savedQuery.safeParse(raw);
  if (first.success) return first.data;
  const bad = new Set(first.error.issues.map((issue) => String(issue.path[0] ?? '')));
  const kept =
    raw && typeof raw === 'object'
      ? Object.fromEntries(Object.entries(raw).filter(([key]) => !bad.has(key) && key !== ''))
      : {};
  // Unknown keys are reported with an empty path by a strict object: keep only what it knows.
  const known = new Set(Object.keys(savedQuery.shape));
  const second = savedQuery.safeParse(Object.fromEntries(Object.entries(kept).filter(([key]) => known.has(key))));
  return second.success ? second.data : savedQuery.parse({});
}

/**
 * Smart collections: saved library queries. The query is stored whole, as JSON, and evaluated by
 * the same query builder as the grid, so its count is always what clicking it shows.
 */
export class SmartCollectionsService {
  readonly #db: Db;
  readonly #events: EventHub;

  constructor(db: Db, events: EventHub) {
    this.#db = db;
    this.#events = events;
  }

  list(): SmartCollection[] {
    const rows = this.#db
      .prepare('SELECT * FROM smart_collections ORDER BY name COLLATE NOCASE, id')
      .all() as SmartRow[];
    return rows.map((row) => this.#toSmartCollection(row));
  }

  get(id: string): SmartCollection {
    const row = this.#db.prepare('SELECT * FROM smart_collections WHERE id = ?').get(id) as SmartRow | undefined;
    if (!row) throw new MarqueError('NOT_FOUND', `No smart collection with id ${id}`);
    return this.#toSmartCollection(row);
  }

  create(name: string, query: SavedQuery): SmartCollection {
    this.#unique(name, null);
    const id = newId();
    const now = new Date().toISOString();
    this.#db
      .prepare('INSERT INTO smart_collections (id, name, query, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, name, JSON.stringify(savedQuery.parse(query)), now, now);
    this.#changed();
    return this.get(id);
  }

  rename(id: string, name: string): SmartCollection {
    this.get(id);
    this.#unique(name, id);
    this.#db
      .prepare('UPDATE smart_collections SET name = ?, updated_at = ? WHERE id = ?')
      .run(name, new Date().toISOString(), id);
    this.#changed();
    return this.get(id);
  }

  delete(id: string): { deleted: boolean } {
    const { changes } = this.#db.prepare('DELETE FROM smart_collections WHERE id = ?').run(id);
    if (changes > 0) this.#changed();
    return { deleted: changes > 0 };
  }

  /** How many live logos the query matches, counted the way the grid counts. */
  count(query: SavedQuery): number {
    return countLogos(this.#db, { ...query, trashed: false, offset: 0, limit: 1 });
  }

  #toSmartCollection(row: SmartRow): SmartCollection {
    const query = readSavedQuery(row.query);
    return {
      id: row.id,
      name: row.name,
      query,
      logoCount: this.count(query),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  #unique(name: string, self: string | null): void {
    const clash = this.#db.prepare('SELECT id FROM smart_collections WHERE name = ? COLLATE NOCASE').get(name) as
      | { id: string }
      | undefined;
    if (clash && clash.id !== self)
      throw new MarqueError('INVALID_INPUT', `A smart collection named "${name}" already exists`);
  }

  /** Views refresh on 'library.changed'; no logo changed, so no ids. */
  #changed(): void {
    this.#events.emit('library.changed', { kind: 'updated', ids: [] });
  }
}
