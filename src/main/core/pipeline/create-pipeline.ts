import type { Db } from '../database/database.ts';
import type { EventHub } from '../events.ts';
import { Settings } from '../settings.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { DerivedCache } from '../store/derived-cache.ts';
import { type PipelineDeps, PipelineService } from './pipeline-service.ts';
import { defaultPipelineWorkers, WORKERS_SETTING } from './pool-size.ts';
import { loadRegistry } from './registry.ts';
import { WorkerPool } from './worker-pool.ts';

export interface PipelineOptions {
  /** Worker threads; else the 'pipeline.workers' setting; else cores-1, at least 1. */
  readonly workers?: number;
  /** Wall-clock limit for one task, default 5 minutes. */
  readonly taskTimeoutMs?: number;
  /** Extra modules exporting `processors` (tests, plug-ins); loaded in main and in every worker. */
  readonly processorModules?: readonly string[];
  /** 'own' for the CLI: run only the jobs this studio queued. Default 'all'. */
  readonly scope?: 'all' | 'own';
}

interface Wiring {
  readonly entry: string;
  readonly db: Db;
  readonly store: BlobStore;
  readonly cache: DerivedCache;
  readonly events: EventHub;
  readonly logoOf: PipelineDeps['logoOf'];
  readonly paletteOf?: PipelineDeps['paletteOf'];
  readonly printSetup?: PipelineDeps['printSetup'];
  readonly artworkOf?: PipelineDeps['artworkOf'];
  readonly inksOf?: PipelineDeps['inksOf'];
  readonly onDone?: PipelineDeps['onDone'];
  readonly log?: PipelineDeps['log'];
}

/** Loads the recipes, starts the worker pool and the queue (recovering what a crash left running). */
export async function createPipeline(wiring: Wiring, options: PipelineOptions = {}): Promise<PipelineService> {
  const processorModules = options.processorModules ?? [];
  const registry = await loadRegistry(processorModules);
  const fromSettings = new Settings(wiring.db).get(WORKERS_SETTING);
  const pool = new WorkerPool({
    entry: wiring.entry,
    threads: options.workers ?? fromSettings ?? defaultPipelineWorkers(),
    taskTimeoutMs: options.taskTimeoutMs ?? 5 * 60_000,
    processorModules,
    warmThreads: (options.scope ?? 'all') === 'all' ? 1 : 0,
    log: wiring.log,
  });
  const service = new PipelineService({ ...wiring, pool, registry, scope: options.scope ?? 'all' });
  try {
    await service.start();
  } catch (error) {
    await pool.close();
    throw error;
  }
  return service;
}
