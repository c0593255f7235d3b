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
  'quarantine',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** One line of the activity log: who (client address; null = this machine), what, when. */
export interface ActivityEntry {
  readonly id: number;
  readonly kind: ActivityKind;
  readonly logoIds: readonly string[];
  readonly clientAddress: string | null;
  readonly detail: string;
  readonly at: string;
}

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
} as const;
