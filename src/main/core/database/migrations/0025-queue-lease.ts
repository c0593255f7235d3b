import type { Migration } from './migration.ts';

/**
 * One owner of the queue at a time (the app, `marque serve`, or a CLI run), by a lease row that
 * its holder renews. A holder that died lets its lease go: its pid is gone or the lease expired.
 * The jobs index lets a CLI run find the job it asked for again (logo x recipe x options is one
 * cache key) instead of queuing a second row for it.
 */
export const queueLease: Migration = {
  version: 25,
  name: 'queue-lease',
  up(db) {
    db.exec(`
      CREATE TABLE queue_lease (
        slot          INTEGER PRIMARY KEY CHECK (slot = 1),
        -- The pipeline instance holding the queue (job_runners.runner) and its process.
        owner         TEXT NOT NULL,
        pid           INTEGER NOT NULL,
        -- 'app' (the desktop app or marque serve: the whole queue) or 'cli' (a command's own jobs).
        kind          TEXT NOT NULL CHECK (kind IN ('app', 'cli')),
        acquired_at   TEXT NOT NULL,
        -- Milliseconds since the epoch; renewed every few seconds while the holder lives.
        expires_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX jobs_logo_key ON jobs(logo_id, cache_key);
    `);
  },
};
