import { z } from 'zod';
import type { Page } from '../domain.ts';
import { method } from './define.ts';

export const ACTIVITY_KINDS = [
  'import',
  'update',
  'delete',
  'restore',
  'purge',
  'replace-master',
  'export',
  'share-download',
  'share-browse',
  'quarantine',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * One line of the activity log: who (client address; null = this machine), what, when.
 * Share traffic is rolled up: one 'share-download' (originals, outputs, zips) and one
 * 'share-browse' (thumbnails, previews) line per teammate per day, `at` being the latest.
 */
export interface ActivityEntry {
  readonly id: number;
  readonly kind: ActivityKind;
  /** On a rolled-up line: the first logos of the day (at most 100). */
  readonly logoIds: readonly string[];
  readonly clientAddress: string | null;
  /** On a rolled-up line: the latest file. */
  readonly detail: string;
  readonly at: string;
  /** How many events the line stands for: 1, or the day's downloads or views of one teammate. */
  readonly count: number;
  /** Bytes sent, on rolled-up share lines; null when unknown. */
  readonly bytes: number | null;
}

/** The log's own footprint and how long it keeps lines. */
export interface ActivityLogSize {
  readonly rows: number;
  /** Bytes of its table and indexes in the library database. */
  readonly bytes: number;
  readonly retentionDays: number;
}

export const DEFAULT_ACTIVITY_RETENTION_DAYS = 90;

export const activityQuery = z
  .object({
    kind: z.enum(ACTIVITY_KINDS).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const activityMethods = {
  // 'write' access: the log names teammates' addresses and downloads, so the share never serves it.
  'activity.list': method<Page<ActivityEntry>>()({
    summary: 'The activity log, newest first, optionally of one kind.',
    access: 'write',
    input: activityQuery,
  }),
  'activity.size': method<ActivityLogSize>()({
    summary: "The activity log's rows, bytes in the database and retention in days.",
    access: 'write',
    input: z.object({}).strict(),
  }),
  'activity.setRetention': method<ActivityLogSize>()({
    summary: 'Keep activity lines this many days (default 90); older ones are deleted now and from then on.',
    access: 'write',
    input: z.object({ days: z.number().int().min(1).max(36_500) }).strict(),
  }),
} as const;
