import type { Migration } from './migration.ts';

/**
 * Every job belongs to a batch: the one enqueue or export request that queued it, so the queue can
 * show "Favicon pack for 40 logos: 38 of 40" instead of a flat list. Rows from before share a batch
 * per insert (one enqueue wrote them all with the same timestamp).
 */
export const jobBatches: Migration = {
  version: 30,
  name: 'job-batches',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN batch_id TEXT;
      UPDATE jobs SET batch_id = 'before-' || created_at;
      CREATE INDEX jobs_batch ON jobs(batch_id, state);
    `);
  },
};
