import type { Migration } from './migration.ts';

/** Blobs, logos, tags and full-text search. */
export const logos: Migration = {
  version: 10,
  name: 'logos',
  up(db) {
    db.exec(`
      CREATE TABLE blobs (
        hash        TEXT PRIMARY KEY,
        byte_size   INTEGER NOT NULL,
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE logos (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        format       TEXT NOT NULL,
        is_vector    INTEGER NOT NULL,
        width        INTEGER NOT NULL,
        height       INTEGER NOT NULL,
        has_alpha    INTEGER NOT NULL,
        byte_size    INTEGER NOT NULL,
        hash         TEXT NOT NULL REFERENCES blobs(hash),
        source_path  TEXT,
        imported_at  TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        favorite     INTEGER NOT NULL DEFAULT 0,
        notes        TEXT NOT NULL DEFAULT '',
        deleted_at   TEXT
      ) STRICT;
      -- One live logo per master: re-importing the same bytes links to it.
      CREATE UNIQUE INDEX logos_hash ON logos(hash);
      CREATE INDEX logos_imported_at ON logos(imported_at);
      CREATE INDEX logos_name ON logos(name COLLATE NOCASE);

      CREATE TABLE logo_tags (
        logo_id  TEXT NOT NULL REFERENCES logos(id) ON DELETE CASCADE,
        tag      TEXT NOT NULL COLLATE NOCASE,
        PRIMARY KEY (logo_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX logo_tags_tag ON logo_tags(tag);

      CREATE VIRTUAL TABLE logos_fts USING fts5(name, tags, notes, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
    `);
  },
};
