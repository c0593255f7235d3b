import type { Migration } from './migration.ts';

/** Collections: named groups of logos; a logo may be in many. */
export const collections: Migration = {
  version: 11,
  name: 'collections',
  up(db) {
    db.exec(`
      CREATE TABLE collections (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX collections_name ON collections(name COLLATE NOCASE);

      CREATE TABLE logo_collections (
        collection_id  TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        logo_id        TEXT NOT NULL REFERENCES logos(id) ON DELETE CASCADE,
        added_at       TEXT NOT NULL,
        PRIMARY KEY (collection_id, logo_id)
      ) STRICT, WITHOUT ROWID;
      -- Deleting a logo cascades through this index instead of scanning every membership.
      CREATE INDEX logo_collections_logo ON logo_collections(logo_id);
    `);
  },
};
