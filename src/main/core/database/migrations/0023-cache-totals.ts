import type { Migration } from './migration.ts';

/**
 * The derived cache's total size, kept by triggers: the cap is checked after every job, and a
 * SUM over derived_files grew with the cache (tens of thousands of rows for a large library).
 * Triggers keep it right whichever process writes (the app and the CLI share the database).
 */
export const cacheTotals: Migration = {
  version: 23,
  name: 'cache-totals',
  up(db) {
    db.exec(`
      CREATE TABLE derived_totals (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        byte_size   INTEGER NOT NULL
      ) STRICT;
      INSERT INTO derived_totals (id, byte_size) SELECT 1, coalesce(sum(byte_size), 0) FROM derived_files;

      CREATE TRIGGER derived_totals_insert AFTER INSERT ON derived_files BEGIN
        UPDATE derived_totals SET byte_size = byte_size + NEW.byte_size WHERE id = 1;
      END;
      CREATE TRIGGER derived_totals_update AFTER UPDATE OF byte_size ON derived_files BEGIN
        UPDATE derived_totals SET byte_size = byte_size - OLD.byte_size + NEW.byte_size WHERE id = 1;
      END;
      CREATE TRIGGER derived_totals_delete AFTER DELETE ON derived_files BEGIN
        UPDATE derived_totals SET byte_size = byte_size - OLD.byte_size WHERE id = 1;
      END;
    `);
  },
};
