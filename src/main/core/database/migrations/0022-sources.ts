import type { Migration } from './migration.ts';

/**
 * The untouched file a logo was imported from, kept when the designer asks for it and it differs
 * from the stored master (a sanitized SVG). The bytes are a blob like any original.
 */
export const sources: Migration = {
  version: 22,
  name: 'sources',
  up(db) {
    db.exec(`
      CREATE TABLE logo_sources (
        logo_id    TEXT PRIMARY KEY REFERENCES logos(id) ON DELETE CASCADE,
        hash       TEXT NOT NULL REFERENCES blobs(hash),
        byte_size  INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX logo_sources_hash ON logo_sources(hash);
    `);
  },
};
