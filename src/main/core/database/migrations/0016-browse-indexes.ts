import type { Migration } from './migration.ts';

/**
 * Indexes for browsing sorted pages: each sort column with the id tie-breaker, so a page of
 * 100 in name, date or size order is read straight from an index instead of sorting the library.
 */
export const browseIndexes: Migration = {
  version: 16,
  name: 'browse-indexes',
  up(db) {
    db.exec(`
      DROP INDEX logos_imported_at;
      DROP INDEX logos_name;
      CREATE INDEX logos_imported_at_id ON logos(imported_at, id);
      CREATE INDEX logos_name_id ON logos(name COLLATE NOCASE, id);
      CREATE INDEX logos_byte_size_id ON logos(byte_size, id);
    `);
  },
};
