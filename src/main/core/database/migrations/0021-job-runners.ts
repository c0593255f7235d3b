import type { Migration } from './migration.ts';

/**
 * Live pipeline instances and their heartbeats. A pid alone cannot say whether the process that
 * ran a job is gone: after a reboot the same pid may belong to anything. A runner is gone when its
 * row is missing, its pid is dead, or its heartbeat stopped.
 */
export const jobRunners: Migration = {
  version: 21,
  name: 'job-runners',
  up(db) {
    db.exec(`
      CREATE TABLE job_runners (
        runner        TEXT PRIMARY KEY,
        pid           INTEGER NOT NULL,
        started_at    TEXT NOT NULL,
        -- Milliseconds since the epoch, refreshed every few seconds while the runner lives.
        heartbeat_at  INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
