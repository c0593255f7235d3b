import { logos } from './0010-logos.ts';
import { collections } from './0011-collections.ts';
import { activity } from './0012-activity.ts';
import { versions } from './0013-versions.ts';
import { colors } from './0014-colors.ts';
import { storage } from './0015-storage.ts';
import { browseIndexes } from './0016-browse-indexes.ts';
import { jobs } from './0020-jobs.ts';
import { jobRunners } from './0021-job-runners.ts';
import { sources } from './0022-sources.ts';
import { cacheTotals } from './0023-cache-totals.ts';
import { activityRollup } from './0024-activity-rollup.ts';
import { queueLease } from './0025-queue-lease.ts';
import { artwork } from './0026-artwork.ts';
import { colorInks } from './0027-color-inks.ts';
import { organise } from './0028-organise.ts';
import { intakeExtras } from './0029-intake-extras.ts';
import { jobBatches } from './0030-job-batches.ts';
import { logoInks } from './0031-logo-inks.ts';
import { colorRtree } from './0032-color-rtree.ts';
import type { Migration } from './migration.ts';

/** Every migration, in order. Imported as code (not read from disk) so packaging cannot lose one. */
export const migrations: readonly Migration[] = [
  logos,
  collections,
  activity,
  versions,
  colors,
  storage,
  browseIndexes,
  jobs,
  jobRunners,
  sources,
  cacheTotals,
  activityRollup,
  queueLease,
  artwork,
  colorInks,
  organise,
  intakeExtras,
  jobBatches,
  logoInks,
  colorRtree,
];
