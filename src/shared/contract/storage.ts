import { z } from 'zod';
import type { ActivityLogSize } from './activity.ts';
import { method } from './define.ts';

export interface KindUsage {
  readonly count: number;
  readonly bytes: number;
}

export interface StorageStats {
  readonly originals: KindUsage;
  readonly thumbnails: KindUsage;
  readonly previews: KindUsage;
  /** Recipe outputs (traces, PDFs, favicon packs, …). */
  readonly outputs: KindUsage;
  /** Bytes of every derived file (thumbnails + previews + outputs), which the cap limits. */
  readonly cacheBytes: number;
  readonly capBytes: number;
  /** The activity log's rows and bytes in the database, and how many days it keeps. */
  readonly activityLog: ActivityLogSize;
  /** Free and total bytes of the disk holding the data folder. */
  readonly disk: { readonly freeBytes: number; readonly totalBytes: number };
}

export type HealthStatus = 'healthy' | 'warning' | 'error';

export interface HealthReason {
  readonly status: Exclude<HealthStatus, 'healthy'>;
  readonly code:
    | 'folder-missing'
    | 'folder-not-writable'
    | 'cap-nearly-full'
    | 'disk-nearly-full'
    | 'originals-missing'
    | 'quarantined';
  readonly message: string;
}

export interface StorageHealth {
  readonly status: HealthStatus;
  readonly reasons: readonly HealthReason[];
}

export interface ClearReport {
  readonly removed: number;
  readonly freedBytes: number;
}

/** 2 GiB: the derived cache's default size cap. */
export const DEFAULT_CACHE_CAP_BYTES = 2 * 1024 ** 3;
/** The smallest cap accepted: below it thumbnails would be evicted as fast as they are made. */
export const MIN_CACHE_CAP_BYTES = 1024 ** 2;

// Storage methods are 'write' access: they are the owner's housekeeping, never served to the share.
export const storageMethods = {
  'storage.stats': method<StorageStats>()({
    summary:
      'Counts and bytes per kind (originals, thumbnails, previews, outputs), the cache cap, the activity log size and free disk.',
    access: 'write',
    input: z.object({}).strict(),
  }),
  'storage.health': method<StorageHealth>()({
    summary: 'healthy, warning or error, with reasons (folder missing or not writable, cap over 80 %, disk over 90 %).',
    access: 'write',
    input: z.object({}).strict(),
  }),
  'storage.clear': method<ClearReport>()({
    summary: 'Delete derived files (thumbnails, previews, outputs) not used for this many days; 0 clears all.',
    access: 'write',
    input: z.object({ olderThanDays: z.number().min(0).max(36_500).default(0) }).strict(),
  }),
  'storage.setCap': method<StorageStats>()({
    summary: 'Set the derived-cache size cap in bytes; least recently used derived files are evicted to fit.',
    access: 'write',
    input: z
      .object({
        bytes: z
          .number()
          .int()
          .min(MIN_CACHE_CAP_BYTES)
          .max(2 ** 50),
      })
      .strict(),
  }),
} as const;
