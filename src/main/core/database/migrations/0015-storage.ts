import type { Migration } from './migration.ts';

/**
 * Settings (the cache cap among them), the derived-cache index (size and last use of every
 * derived file, for least-recently-used eviction), and triggers that keep logos_fts in step
 * with names, notes and tags whoever writes them.
 */
export const storage: Migration = {
  version: 15,
  name: 'storage',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE derived_files (
        kind          TEXT NOT NULL,
        key           TEXT NOT NULL,
        byte_size     INTEGER NOT NULL,
        -- The original this was made from, so purging an original drops its derived files.
        source_hash   TEXT,
        created_at    TEXT NOT NULL,
        -- Milliseconds, strictly increasing per process, so LRU order is exact.
        last_used     INTEGER NOT NULL,
        PRIMARY KEY (kind, key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX derived_files_lru ON derived_files(last_used);
      CREATE INDEX derived_files_source ON derived_files(source_hash);

      CREATE TRIGGER logos_fts_insert AFTER INSERT ON logos BEGIN
        INSERT INTO logos_fts (rowid, name, tags, notes) VALUES (
          NEW.rowid, NEW.name,
          coalesce((SELECT group_concat(tag, ' ') FROM logo_tags WHERE logo_id = NEW.id), ''),
          NEW.notes);
      END;
      CREATE TRIGGER logos_fts_update AFTER UPDATE OF name, notes ON logos BEGIN
        UPDATE logos_fts SET name = NEW.name, notes = NEW.notes WHERE rowid = NEW.rowid;
      END;
      CREATE TRIGGER logos_fts_delete AFTER DELETE ON logos BEGIN
        DELETE FROM logos_fts WHERE rowid = OLD.rowid;
      END;
      CREATE TRIGGER logo_tags_fts_insert AFTER INSERT ON logo_tags BEGIN
        UPDATE logos_fts SET tags = coalesce((SELECT group_concat(tag, ' ') FROM logo_tags WHERE logo_id = NEW.logo_id), '')
        WHERE rowid = (SELECT rowid FROM logos WHERE id = NEW.logo_id);
      END;
      CREATE TRIGGER logo_tags_fts_delete AFTER DELETE ON logo_tags BEGIN
        UPDATE logos_fts SET tags = coalesce((SELECT group_concat(tag, ' ') FROM logo_tags WHERE logo_id = OLD.logo_id), '')
        WHERE rowid = (SELECT rowid FROM logos WHERE id = OLD.logo_id);
      END;

      -- Rows written by 0010-era code: rebuild the index from the tables, now the single source.
      DELETE FROM logos_fts;
      INSERT INTO logos_fts (rowid, name, tags, notes)
        SELECT l.rowid, l.name, coalesce((SELECT group_concat(tag, ' ') FROM logo_tags t WHERE t.logo_id = l.id), ''), l.notes
        FROM logos l;
    `);
  },
};
