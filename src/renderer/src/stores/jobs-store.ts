import { create } from 'zustand';
import type { Job } from '../../../shared/contract/jobs.ts';
import { client } from '../api/client.ts';

interface JobsState {
  /** The newest jobs by id (the queue screen pages no further: finished ones get cleared). */
  readonly jobs: ReadonlyMap<string, Job>;
  readonly total: number;
  readonly loaded: boolean;
  readonly error: string | null;
  /** When the current busy stretch began (the status bar counts its jobs); null while idle. */
  readonly batchSince: string | null;
}

export const useJobsStore = create<JobsState>(() => ({
  jobs: new Map(),
  total: 0,
  loaded: false,
  error: null,
  batchSince: null,
}));

const ACTIVE = new Set(['queued', 'running']);

export function isActive(job: Job): boolean {
  return ACTIVE.has(job.state);
}

function withBatch(jobs: ReadonlyMap<string, Job>, since: string | null): string | null {
  const active = [...jobs.values()].filter(isActive);
  if (active.length === 0) return null;
  if (since) return since;
  // ISO timestamps sort as text: the first is the oldest active job.
  return active.map((job) => job.createdAt).sort()[0] ?? null;
}

export async function loadJobs(): Promise<void> {
  try {
    const page = await client.call('jobs.list', { limit: 500 });
    const jobs = new Map(page.items.map((job) => [job.id, job]));
    useJobsStore.setState((state) => ({
      jobs,
      total: page.total,
      loaded: true,
      error: null,
      batchSince: withBatch(jobs, state.batchSince),
    }));
  } catch (error) {
    useJobsStore.setState({ loaded: true, error: error instanceof Error ? error.message : String(error) });
  }
}

/** Applies a 'jobs.changed' event: jobs as they are now, and the ids cleared away. */
export function applyJobsChange(changed: readonly Job[], removedIds: readonly string[]): void {
  useJobsStore.setState((state) => {
    const jobs = new Map(state.jobs);
    for (const id of removedIds) jobs.delete(id);
    for (const job of changed) jobs.set(job.id, job);
    return { jobs, batchSince: withBatch(jobs, state.batchSince) };
  });
}

/** Jobs newest first. */
export function sortedJobs(jobs: ReadonlyMap<string, Job>): Job[] {
  return [...jobs.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export interface QueueProgress {
  readonly active: number;
  readonly done: number;
  readonly total: number;
  /** 0-1 across the busy stretch, counting running jobs' own progress. */
  readonly fraction: number;
  readonly failed: number;
}

/** The status bar's summary of the current busy stretch. */
export function queueProgress(state: Pick<JobsState, 'jobs' | 'batchSince'>): QueueProgress | null {
  if (!state.batchSince) return null;
  const since = state.batchSince;
  const batch = [...state.jobs.values()].filter((job) => job.createdAt >= since || isActive(job));
  const active = batch.filter(isActive).length;
  const done = batch.length - active;
  const partial = batch.reduce((sum, job) => sum + (isActive(job) ? job.progress / 100 : 1), 0);
  return {
    active,
    done,
    total: batch.length,
    fraction: batch.length ? partial / batch.length : 0,
    failed: batch.filter((job) => job.state === 'failed').length,
  };
}
