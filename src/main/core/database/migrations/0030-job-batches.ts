import { CELL_SQL } from '../../library/colour-cells.ts';
import type { Migration } from './migration.ts';

/**
 * Every job belongs to a batch: the one enqueue or export request that queued it, so the queue can
 * show "Favicon pack for 40 logos: 38 of 40" instead of a flat list. Rows from before share a batch
 * per insert (one enqueue wrote them all with the same timestamp).
 *
 * Colour search at 100,000 logos: each palette colour's L*a*b* cube (library/colour-cells.ts) as a
 * generated column with a covering index, so a search reads the few cubes around its colour.
 */
export const jobBatches: Migration = {
  version: 30,
  name: 'job-batches',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN batch_id TEXT;
      UPDATE jobs SET batch_id = 'before-' || created_at;
      CREATE INDEX jobs_batch ON jobs(batch_id, state);
      ALTER TABLE logo_colors ADD COLUMN cell INTEGER GENERATED ALWAYS AS ${CELL_SQL} VIRTUAL;
      CREATE INDEX logo_colors_cell ON logo_colors(cell, L, a, b, logo_id);
    `);
  },
};
