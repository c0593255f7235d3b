import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { setting } from '../settings.ts';

export const MAX_WORKERS = 64;

/** The worker pool size the designer chose; null: the default for this machine. */
export const WORKERS_SETTING = setting('pipeline.workers', z.number().int().min(1).max(MAX_WORKERS).nullable(), null);

/** cores - 1 (the main process and the UI keep one), at least 1. */
export function defaultPipelineWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}
