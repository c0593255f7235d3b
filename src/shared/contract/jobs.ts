import { z } from 'zod';
import type { Page } from '../domain.ts';
import { type ErrorCode, isRetryable } from '../errors.ts';
import { method } from './define.ts';
import { logoId } from './library.ts';

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
/** States a job never leaves on its own (retry moves failed/cancelled back to queued). */
export const FINISHED_JOB_STATES: readonly JobState[] = ['done', 'failed', 'cancelled'];

/** Whether the queue offers Retry: failed or cancelled, and not for a reason a second run cannot fix. */
export function canRetry(job: Pick<Job, 'state' | 'errorCode'>): boolean {
  if (job.state === 'cancelled') return true;
  return job.state === 'failed' && isRetryable(job.errorCode);
}

/** Interactive jobs (a preview the user is looking at) run before batch jobs. */
export const JOB_PRIORITIES = ['interactive', 'batch'] as const;
export type JobPriority = (typeof JOB_PRIORITIES)[number];

/** One file a recipe produced, inside its output folder in the derived cache. */
export interface JobOutputFile {
  /** '/'-separated path inside the output (e.g. 'favicon.ico', 'png/icon-192.png'). */
  readonly path: string;
  readonly mime: string;
  readonly byteSize: number;
}

export interface Job {
  readonly id: string;
  /** The enqueue or export request that queued it: the queue groups and counts jobs by batch. */
  readonly batchId: string;
  readonly logoId: string;
  readonly recipe: string;
  /** The recipe options after validation, defaults filled in. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly priority: JobPriority;
  readonly state: JobState;
  /** 0-100. */
  readonly progress: number;
  readonly errorCode: ErrorCode | null;
  readonly errorMessage: string | null;
  /** How many times a worker started it (a crash or a retry starts it again). */
  readonly attempts: number;
  /** sha256 of the master the job was made from. */
  readonly masterHash: string;
  readonly processorVersion: number;
  /** True when the result came from the derived cache without running the processor. */
  readonly fromCache: boolean;
  /** The output files once done; empty before. */
  readonly files: readonly JobOutputFile[];
  /** Small facts about the result (palette, fidelity, plates) once done. */
  readonly facts: Readonly<Record<string, unknown>> | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

/** An output already produced for a logo; stale once the master or the processor changed. */
export interface LogoOutput {
  readonly jobId: string;
  readonly logoId: string;
  readonly recipe: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly files: readonly JobOutputFile[];
  readonly facts: Readonly<Record<string, unknown>> | null;
  readonly producedAt: string;
  readonly stale: boolean;
  /** Why it is stale: the logo's master was replaced, or the processor got a new version (or was removed). */
  readonly staleReason: 'master-changed' | 'processor-changed' | null;
  /** False once the derived cache evicted the files (running the recipe again brings them back). */
  readonly available: boolean;
}

/** The 'jobs.changed' payload: jobs as they are now, and ids removed by clearFinished. */
export interface JobsChange {
  readonly jobs: readonly Job[];
  readonly removedIds: readonly string[];
}

export interface EnqueueReply {
  readonly jobs: readonly Job[];
}

/** The worker pool as settings show it. */
export interface PoolSettings {
  /** Worker threads in use now. */
  readonly workers: number;
  /** What a fresh install uses: cores - 1, at least 1. */
  readonly defaultWorkers: number;
  readonly maxWorkers: number;
}

export const jobId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a job id');
/** Jobs of one request share a batch id; a client sending several requests as one batch names it. */
export const batchId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a batch id');
export const recipeId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'not a recipe name');

export const jobsQuery = z
  .object({
    state: z.union([z.enum(JOB_STATES), z.array(z.enum(JOB_STATES)).min(1).max(5)]).optional(),
    logoId: logoId.optional(),
    recipe: recipeId.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type JobsQuery = z.input<typeof jobsQuery>;
export type ParsedJobsQuery = z.output<typeof jobsQuery>;

export const enqueueInput = z
  .object({
    logoIds: z.array(logoId).min(1).max(10_000),
    recipe: recipeId,
    /** Validated against the recipe's own schema by the service. */
    options: z.record(z.string(), z.unknown()).default({}),
    priority: z.enum(JOB_PRIORITIES).default('batch'),
    /** Joins an earlier request's batch (the Export screen queues one request per recipe); fresh when absent. */
    batchId: batchId.optional(),
  })
  .strict();

export const jobsMethods = {
  'jobs.enqueue': method<EnqueueReply>()({
    summary: 'Queue a recipe for logos; identical requests already in the cache complete at once.',
    access: 'write',
    input: enqueueInput,
  }),
  'jobs.list': method<Page<Job>>()({
    summary: 'A page of jobs, newest first, optionally filtered by state, logo or recipe.',
    access: 'read',
    input: jobsQuery,
  }),
  'jobs.get': method<Job>()({
    summary: 'One job by id.',
    access: 'read',
    input: z.object({ id: jobId }).strict(),
  }),
  'jobs.cancel': method<Job>()({
    summary: 'Cancel a queued or running job; a running worker is stopped and no partial output is kept.',
    access: 'write',
    input: z.object({ id: jobId }).strict(),
  }),
  'jobs.retry': method<Job>()({
    summary: 'Queue a failed or cancelled job again.',
    access: 'write',
    input: z.object({ id: jobId }).strict(),
  }),
  'jobs.retryFailed': method<{ retried: number }>()({
    summary: 'Queue again every failed job (of one batch, or all) whose failure a second run can fix.',
    access: 'write',
    input: z.object({ batchId: batchId.optional() }).strict(),
  }),
  'jobs.clearFinished': method<{ removed: number }>()({
    summary: 'Remove done, failed and cancelled jobs from the list (outputs stay available).',
    access: 'write',
    input: z.object({ logoId: logoId.optional() }).strict(),
  }),
  'jobs.outputs': method<readonly LogoOutput[]>()({
    summary: 'The outputs already produced for a logo, newest first, each with a stale flag.',
    access: 'read',
    input: z.object({ logoId }).strict(),
  }),
  'jobs.poolSettings': method<PoolSettings>()({
    summary: 'How many worker threads process jobs, the default and the maximum.',
    access: 'read',
    input: z.object({}).strict(),
  }),
  'jobs.setWorkers': method<PoolSettings>()({
    summary: 'Sets the worker thread count (saved in settings); running jobs finish on the old threads.',
    access: 'write',
    input: z.object({ workers: z.number().int().min(1).max(64) }).strict(),
  }),
} as const;
