import { availableParallelism } from 'node:os';

/** Settings key of the worker pool size. */
export const WORKERS_SETTING = 'pipeline.workers';
export const MAX_WORKERS = 64;

/** cores - 1 (the main process and the UI keep one), at least 1. */
export function defaultPipelineWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}
