import type { Migration } from './migration.ts';

/** The activity log: who did what to which logos, when (imports, deletions, exports, share downloads). */
export const activity: Migration = {
  version: 12,
  name: 'activity',
  up(db) {
    db.exec(`
      CREATE TABLE activity (
        id              INTEGER PRIMARY KEY,
        kind            TEXT NOT NULL,
        -- JSON array of logo ids; logos may since have been purged, so no foreign key.
        logo_ids        TEXT NOT NULL DEFAULT '[]',
        client_address  TEXT,
        detail          TEXT NOT NULL DEFAULT '',
        at              TEXT NOT NULL
      ) STRICT;
      CREATE INDEX activity_kind_id ON activity(kind, id);
    `);
  },
};
