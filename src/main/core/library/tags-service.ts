import type { TagChange, TagCount } from '../../../shared/contract/tags.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { Db } from '../database/database.ts';
import type { EventHub } from '../events.ts';

/**
 * The tag manager: every tag with its count, rename (onto an existing tag: merge) and delete
 * across the library. Rows are deleted and inserted (never updated) so the FTS triggers of
 * migration 0015 keep search in step.
 */
export class TagsService {
  readonly #db: Db;
  readonly #events: EventHub;

  constructor(db: Db, events: EventHub) {
    this.#db = db;
    this.#events = events;
  }

  /** Tags in use by live logos, by name, ignoring case. */
  list(): TagCount[] {
    return this.#db
      .prepare(
        `SELECT min(t.tag) AS tag, count(*) AS logoCount FROM logo_tags t JOIN logos l ON l.id = t.logo_id
         WHERE l.deleted_at IS NULL GROUP BY t.tag ORDER BY t.tag COLLATE NOCASE`,
      )
      .all() as TagCount[];
  }

  /** Renames a tag on every logo; logos that already had `to` keep one copy (a merge). */
  rename(from: string, to: string): TagChange {
    const change = this.#db.transaction(() => {
      const logoIds = this.#carrying(from);
      if (logoIds.length === 0) throw new MarqueError('NOT_FOUND', `No logo is tagged "${from}"`);
      // Tags compare ignoring case: a change of case alone is a rename, never a merge.
      const caseOnly = from.toLowerCase() === to.toLowerCase();
      const alreadyTagged = caseOnly ? [] : this.#carrying(to).filter((id) => logoIds.includes(id));
      const remove = this.#db.prepare('DELETE FROM logo_tags WHERE logo_id = ? AND tag = ?');
      const add = this.#db.prepare('INSERT OR IGNORE INTO logo_tags (logo_id, tag) VALUES (?, ?)');
      const touch = this.#db.prepare('UPDATE logos SET updated_at = ? WHERE id = ?');
      const now = new Date().toISOString();
      for (const id of logoIds) {
        remove.run(id, from);
        add.run(id, to);
        touch.run(now, id);
      }
      return { logoIds, alreadyTagged };
    })();
    this.#changed(change.logoIds);
    return change;
  }

  /** Removes a tag from every logo that carries it. */
  delete(tag: string): TagChange {
    const logoIds = this.#db.transaction(() => {
      const ids = this.#carrying(tag);
      const remove = this.#db.prepare('DELETE FROM logo_tags WHERE logo_id = ? AND tag = ?');
      const touch = this.#db.prepare('UPDATE logos SET updated_at = ? WHERE id = ?');
      const now = new Date().toISOString();
      for (const id of ids) {
        remove.run(id, tag);
        touch.run(now, id);
      }
      return ids;
    })();
    if (logoIds.length > 0) this.#changed(logoIds);
    return { logoIds, alreadyTagged: [] };
  }

  #carrying(tag: string): string[] {
    return this.#db.prepare('SELECT logo_id FROM logo_tags WHERE tag = ?').pluck().all(tag) as string[];
  }

  #changed(ids: readonly string[]): void {
    this.#events.emit('library.changed', { kind: 'updated', ids: [...ids] });
  }
}
