import type { Migration } from './migration.ts';

/**
 * A logo's own ink edits (names, merges, colours kept apart), remembered so every spot PDF,
 * separation and ink plan of that logo prints them, not only the export they were made in. One
 * optional row per logo, the edits as JSON (validated by logoInkEdits on the way in and out).
 */
export const logoInks: Migration = {
  version: 31,
  name: 'logo-inks',
  up(db) {
    db.exec(`
      CREATE TABLE logo_inks (
        logo_id     TEXT PRIMARY KEY REFERENCES logos(id) ON DELETE CASCADE,
        edits_json  TEXT NOT NULL CHECK (json_valid(edits_json)),
        updated_at  TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
