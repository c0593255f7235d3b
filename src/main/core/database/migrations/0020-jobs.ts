import type { Migration } from './migration.ts';

/**
 * The processing queue and the outputs it produced. Jobs are written before work starts; the
 * outputs table outlives cleared jobs so a logo keeps listing what was already made for it.
 */
export const jobs: Migration = {
  version: 20,
  name: 'jobs',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        seq                INTEGER PRIMARY KEY,
        id                 TEXT NOT NULL UNIQUE,
        logo_id            TEXT NOT NULL REFERENCES logos(id) ON DELETE CASCADE,
        master_hash        TEXT NOT NULL,
        recipe             TEXT NOT NULL,
        options            TEXT NOT NULL,
        processor_version  INTEGER NOT NULL,
        cache_key          TEXT NOT NULL,
        -- What the worker is told about the master (format, size, name, palette), as at enqueue time.
        input              TEXT NOT NULL,
        -- 0 interactive, 1 batch: the queue orders by it first.
        priority           INTEGER NOT NULL CHECK (priority IN (0, 1)),
        state              TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        progress           INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        error_code         TEXT,
        error_message      TEXT,
        attempts           INTEGER NOT NULL DEFAULT 0,
        from_cache         INTEGER NOT NULL DEFAULT 0,
        -- The studio instance that queued it and the one running it (with its pid), so a second
        -- process on the same library (CLI beside the app) neither steals nor requeues live work.
        owner              TEXT NOT NULL,
        runner             TEXT,
        runner_pid         INTEGER,
        created_at         TEXT NOT NULL,
        started_at         TEXT,
        finished_at        TEXT,
        updated_at         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX jobs_queue ON jobs(state, priority, seq);
      CREATE INDEX jobs_logo ON jobs(logo_id, seq);

      CREATE TABLE job_outputs (
        logo_id            TEXT NOT NULL REFERENCES logos(id) ON DELETE CASCADE,
        cache_key          TEXT NOT NULL,
        recipe             TEXT NOT NULL,
        options            TEXT NOT NULL,
        master_hash        TEXT NOT NULL,
        processor_version  INTEGER NOT NULL,
        job_id             TEXT NOT NULL,
        files              TEXT NOT NULL,
        facts              TEXT,
        produced_at        TEXT NOT NULL,
        PRIMARY KEY (logo_id, cache_key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX job_outputs_job ON job_outputs(job_id);
      CREATE INDEX job_outputs_logo_time ON job_outputs(logo_id, produced_at);
    `);
  },
};
