import type { Migration } from './migration.ts';

/**
 * Organising like a designer's library app: ratings, nested collections that can be deleted and
 * brought back (Undo), and smart collections (saved searches).
 *
 * - logos.rating 0-5, with an index per sort/filter (rating then id, like the other sort indexes).
 * - collections.parent_id nests collections; deleted_at keeps a deleted collection (and its
 *   memberships) until the next start, so Undo can restore it. Names are unique among live
 *   siblings only, so two clients can each have a "Logos" sub-collection.
 * - smart_collections keep the whole library query as JSON (validated by the contract on the way
 *   in and out), so filters added to the query later are saved without a schema change.
 */
export const organise: Migration = {
  version: 28,
  name: 'organise',
  up(db) {
    db.exec(`
      ALTER TABLE logos ADD COLUMN rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5);
      CREATE INDEX logos_rating_id ON logos(rating, id);

      ALTER TABLE collections ADD COLUMN parent_id TEXT REFERENCES collections(id) ON DELETE CASCADE;
      ALTER TABLE collections ADD COLUMN deleted_at TEXT;
      DROP INDEX collections_name;
      CREATE UNIQUE INDEX collections_sibling_name
        ON collections(coalesce(parent_id, ''), name COLLATE NOCASE) WHERE deleted_at IS NULL;
      CREATE INDEX collections_parent ON collections(parent_id);

      CREATE TABLE smart_collections (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        query       TEXT NOT NULL CHECK (json_valid(query)),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX smart_collections_name ON smart_collections(name COLLATE NOCASE);
    `);
  },
};
