import type Database from 'better-sqlite3';
import type { Migration } from './migration.ts';

function hasColumn(db: Database.Database, table: string, column: string): boolean {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).some(
    (row) => row.name === column,
  );
}

/**
 * The perceptual hash (dHash, 256 bits as 64 hex digits) of each master, for the duplicate finder; null for
 * logos imported before it, filled in lazily. Also, only where migration 0028 (ratings, nested
 * collections) has not added them: a 0-5 rating on logos and a parent on collections, which an
 * imported Eagle library carries. Guarded so the two migrations meet in either history.
 */
export const intakeExtras: Migration = {
  version: 29,
  name: 'intake-extras',
  up(db) {
    db.exec('ALTER TABLE logos ADD COLUMN dhash TEXT CHECK (dhash IS NULL OR length(dhash) = 64)');
    if (!hasColumn(db, 'logos', 'rating'))
      db.exec('ALTER TABLE logos ADD COLUMN rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5)');
    if (!hasColumn(db, 'collections', 'parent_id'))
      db.exec('ALTER TABLE collections ADD COLUMN parent_id TEXT REFERENCES collections(id) ON DELETE CASCADE');
  },
};
