import type { Migration } from './migration.ts';

/**
 * How a logo's artwork is read: the designer's override (background auto / keep / remove /
 * full-bleed, one-colour threshold) and the last automatic background decision with its
 * confidence. One optional row per logo: no row means the defaults, nothing decided yet.
 */
export const artwork: Migration = {
  version: 26,
  name: 'artwork',
  up(db) {
    db.exec(`
      CREATE TABLE logo_artwork (
        logo_id             TEXT PRIMARY KEY REFERENCES logos(id) ON DELETE CASCADE,
        background          TEXT NOT NULL DEFAULT 'auto'
                              CHECK (background IN ('auto', 'keep', 'remove', 'full-bleed')),
        threshold           REAL CHECK (threshold IS NULL OR (threshold >= 0 AND threshold <= 100)),
        decided_kind        TEXT CHECK (decided_kind IS NULL OR decided_kind IN ('transparent', 'flat', 'none')),
        decided_colour      TEXT,
        decided_confidence  REAL,
        decided_setting     TEXT,
        decided_reason      TEXT,
        decided_master      TEXT,
        updated_at          TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
