import type { Migration } from './migration.ts';

/**
 * Master versions: replacing a logo's master keeps the older ones here, each still pointing at
 * its blob, so empty-Trash and the store never drop bytes a version needs.
 */
export const versions: Migration = {
  version: 13,
  name: 'versions',
  up(db) {
    db.exec(`
      ALTER TABLE logos ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

      CREATE TABLE logo_versions (
        logo_id      TEXT NOT NULL REFERENCES logos(id) ON DELETE CASCADE,
        version      INTEGER NOT NULL,
        hash         TEXT NOT NULL REFERENCES blobs(hash),
        format       TEXT NOT NULL,
        is_vector    INTEGER NOT NULL,
        width        INTEGER NOT NULL,
        height       INTEGER NOT NULL,
        has_alpha    INTEGER NOT NULL,
        byte_size    INTEGER NOT NULL,
        source_path  TEXT,
        created_at   TEXT NOT NULL,
        replaced_at  TEXT NOT NULL,
        PRIMARY KEY (logo_id, version)
      ) STRICT, WITHOUT ROWID;
      -- "Does any version still use this blob?" when Trash is emptied.
      CREATE INDEX logo_versions_hash ON logo_versions(hash);
    `);
  },
};
