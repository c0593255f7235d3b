import type { Migration } from './migration.ts';

/**
 * A logo's palette, one row per colour, in CIE L*a*b* (D65) so colour search is a distance
 * (Delta E CIE76) computed in SQL. The (L, a, b, logo_id) index is covering: a search scans
 * the L band of the tolerance and filters a and b without touching the table.
 */
export const colors: Migration = {
  version: 14,
  name: 'colors',
  up(db) {
    db.exec(`
      CREATE TABLE logo_colors (
        logo_id   TEXT NOT NULL REFERENCES logos(id) ON DELETE CASCADE,
        position  INTEGER NOT NULL,
        hex       TEXT NOT NULL,
        L         REAL NOT NULL,
        a         REAL NOT NULL,
        b         REAL NOT NULL,
        c         REAL NOT NULL,
        m         REAL NOT NULL,
        y         REAL NOT NULL,
        k         REAL NOT NULL,
        share     REAL NOT NULL,
        locked    INTEGER NOT NULL DEFAULT 0,
        name      TEXT,
        PRIMARY KEY (logo_id, position)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX logo_colors_lab ON logo_colors(L, a, b, logo_id);
    `);
  },
};
