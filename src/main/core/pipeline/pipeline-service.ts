import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type { ArtworkSettings } from '../../../shared/artwork.ts';
import {
  canRetry,
  type EnqueueReply,
  type Job,
  type JobPriority,
  type LogoOutput,
  type ParsedJobsQuery,
  type PoolSettings,
} from '../../../shared/contract/jobs.ts';
import type { Logo, Page } from '../../../shared/domain.ts';
import { isErrorCode, isRetryable, MarqueError } from '../../../shared/errors.ts';
import type { Palette } from '../../../shared/palette.ts';
import type { LogoInkEdits, PrintSetup } from '../../../shared/print.ts';
import type { Db } from '../database/database.ts';
import type { EventHub } from '../events.ts';
import { unlessMissing } from '../fs-missing.ts';
import { type Log, silentLog } from '../log/logger.ts';
import { Settings } from '../settings.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { DerivedCache } from '../store/derived-cache.ts';
import { factWarnings } from './facts.ts';
import { type EnqueueRequest, prepareJobs } from './job-requests.ts';
import { type JobRow, JobStore, outputRowToLogoOutput, rowToJob } from './job-store.ts';
import { JobWaiters } from './job-waiters.ts';
import { JobsEventBatcher } from './jobs-events.ts';
import { FILES, MANIFEST, readOutputManifest } from './output-folder.ts';
import { outputPathSegments } from './output-paths.ts';
import { defaultPipelineWorkers, MAX_WORKERS, WORKERS_SETTING } from './pool-size.ts';
import type { PipelineReply, TaskInput } from './protocol.ts';
import { type LeaseHolder, QueueLease } from './queue-lease.ts';
import type { Registry } from './registry.ts';
import { HEARTBEAT_MS, RunnerRegistry } from './runners.ts';
import { TextFonts } from './text-fonts.ts';
import type { WorkerPool } from './worker-pool.ts';

/** Derived-cache kind of recipe outputs: `cache/outputs/<key>/{result.json,files/…}`. */
export const OUTPUT_KIND = 'outputs';
const MAX_ATTEMPTS = 3;
/**
 * Tasks handed to the pool beyond its thread count: a thread that finishes picks the next one up at
 * once instead of idling while main records the result and claims the next job. One is enough; more
 * would let batch jobs sit ahead of a later interactive one.
 */
const PREFETCH = 1;

/** How often the queue looks for jobs another process queued, and tries for the lease when another holds it. */
const FOREIGN_POLL_MS = 2_000;

export interface PipelineDeps {
  readonly db: Db;
  readonly store: BlobStore;
  readonly cache: DerivedCache;
  readonly events: EventHub;
  readonly pool: WorkerPool;
  readonly registry: Registry;
  /** The logo as the library has it now. */
  readonly logoOf: (logoId: string) => Logo;
  /** The logo's stored palette (for processors that set `usesPalette`); null when none. */
  readonly paletteOf?: (logoId: string) => Palette | null;
  /** The print setup in Settings (for processors that set `usesPrint`). */
  readonly printSetup?: () => PrintSetup;
  /** The logo's background override and one-colour threshold (join every job's input and key). */
  readonly artworkOf?: (logoId: string) => ArtworkSettings | null;
  /** The logo's remembered ink edits (for processors that set `usesInks`). */
  readonly inksOf?: (logoId: string) => LogoInkEdits;
  /** Called once a job is done with the facts it returned (e.g. a palette to record in the library). */
  readonly onDone?: (job: Job) => void;
  /** Where swallowed failures (cache index, clean-up) are recorded; default: silent. */
  readonly log?: Log;
  /** 'own': run only jobs this studio queued (the CLI); 'all': any queued job in the library (the app). */
  readonly scope?: 'all' | 'own';
}

interface Active {
  readonly controller: AbortController;
  settled: Promise<void>;
  readonly batch: boolean;
  /** A worker thread picked it up (until then it waits in the pool, prefetched). */
  started: boolean;
  /** Handed back to the queue to let an interactive job go first. */
  yielded: boolean;
}

/**
 * The persisted queue and its dispatcher. Jobs are rows before any work starts; at most `threads`
 * (+1 prefetched) are in the pool at once, so interactive jobs overtake batch ones in our queue, not
 * in piscina's FIFO; a job whose output is already in the cache completes without a worker.
 */
export class PipelineService {
  readonly instanceId: string;
  readonly #deps: PipelineDeps;
  readonly #jobs: JobStore;
  readonly #active = new Map<string, Active>();
  readonly #progress = new Map<string, number>();
  readonly #waiters: JobWaiters;
  readonly #events: JobsEventBatcher;
  readonly #tempRoot: string;
  readonly #runners: RunnerRegistry;
  /** Only the holder of the queue's lease claims jobs (one dispatcher per library). */
  readonly #lease: QueueLease;
  #holdsLease = false;
  #renewedAt = 0;
  /** Installed fonts join the key of jobs on SVG masters with text (see job-requests.ts). */
  readonly #textFonts: TextFonts;
  #poll: NodeJS.Timeout | null = null;
  #closing = false;

  readonly #log: Log;

  constructor(deps: PipelineDeps) {
    this.#deps = deps;
    this.#log = deps.log ?? silentLog();
    this.#jobs = new JobStore(deps.db);
    this.instanceId = `${process.pid}-${randomBytes(6).toString('hex')}`;
    this.#runners = new RunnerRegistry(deps.db, this.instanceId, this.#log);
    this.#textFonts = new TextFonts({ masterPath: (hash) => deps.store.pathOf(hash) });
    this.#lease = new QueueLease(deps.db, this.instanceId, (deps.scope ?? 'all') === 'all' ? 'app' : 'cli');
    // Same volume as the cache (renames stay atomic); the dot keeps it out of the cache's index.
    this.#tempRoot = join(deps.cache.root, '.pipeline-tmp');
    this.#waiters = new JobWaiters(
      (id) => this.get(id),
      () => this.#closing,
    );
    this.#events = new JobsEventBatcher(
      deps.events,
      (ids) => this.#jobs.rows(ids).map((row) => this.#toJob(row)),
      this.#log,
    );
  }

  /** Recovers jobs a crash left running, clears dead temp folders and starts the queue. */
  async start(): Promise<void> {
    // The first font walk runs beside the rest of start-up (async I/O), so the first jobs on
    // logos with text are keyed by the installed fonts and can be served from the cache.
    const fontsScanned = this.#textFonts.refresh();
    this.#runners.register();
    await mkdir(join(this.#tempRoot, this.instanceId), { recursive: true });
    await this.#runners.removeDeadTempFolders(this.#tempRoot);
    const recovered = this.#jobs.recoverOrphans((runner) => this.#runners.isGone(runner), MAX_ATTEMPTS);
    this.#runners.prune();
    this.#events.changed(recovered);
    await fontsScanned;
    this.#holdsLease = this.#lease.tryAcquire();
    this.#renewedAt = Date.now();
    // Keep the lease (or wait for it), and pick up jobs another process queued (the CLI beside the app).
    this.#poll = setInterval(() => this.#tick(), FOREIGN_POLL_MS);
    this.#poll.unref();
    this.#pump();
  }

  /** Renews or takes the lease, then dispatches; a holder that lost its lease stops claiming. */
  #tick(): void {
    if (this.#closing) return;
    try {
      const now = Date.now();
      if (!this.#holdsLease) {
        this.#holdsLease = this.#lease.tryAcquire(now);
        this.#renewedAt = now;
        if (this.#holdsLease)
          this.#events.changed(this.#jobs.recoverOrphans((r) => this.#runners.isGone(r), MAX_ATTEMPTS));
      } else if (now - this.#renewedAt >= HEARTBEAT_MS) {
        this.#holdsLease = this.#lease.renew(now);
        this.#renewedAt = now;
      }
    } catch {
      // Busy database: the next tick tries again, well inside the lease's expiry.
    }
    this.#pump();
  }

  /** Whether this instance dispatches the queue now, and who does when another process holds it. */
  queueOwner(): { readonly self: boolean; readonly holder: LeaseHolder | null } {
    return { self: this.#holdsLease, holder: this.#lease.holder() };
  }

  get threads(): number {
    return this.#deps.pool.threads;
  }

  poolSettings(): PoolSettings {
    return { workers: this.#deps.pool.threads, defaultWorkers: defaultPipelineWorkers(), maxWorkers: MAX_WORKERS };
  }

  /** Changes the pool size and saves it in settings; tasks already running finish on the old threads. */
  setPoolSize(threads: number): void {
    if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WORKERS) {
      throw new MarqueError('INVALID_INPUT', `Worker count must be a whole number from 1 to ${MAX_WORKERS}`);
    }
    new Settings(this.#deps.db).set(WORKERS_SETTING, threads);
    this.#deps.pool.resize(threads);
    this.#pump();
  }

  enqueue(request: EnqueueRequest): EnqueueReply {
    if (this.#closing) throw new MarqueError('INTERNAL', 'The studio is closing');
    const jobs = prepareJobs(request, { ...this.#deps, fontsOf: this.#textFonts.fontsOf });
    this.#jobs.insert(jobs, this.instanceId);
    const ids = jobs.map((job) => job.id);
    this.#events.changed(ids);
    if (request.priority === 'interactive') this.#yieldPrefetched();
    this.#pump();
    return { jobs: this.#jobs.rows(ids).map((row) => this.#toJob(row)) };
  }

  /**
   * Enqueue for a CLI run: the jobs already kept for these logos x recipe x options are adopted
   * (queued, orphaned by a dead process, or finished and run again, from the cache when it still
   * holds the output) instead of queuing a second row for each; a job another live process runs is
   * waited for. Jobs left running by a dead process are recovered first.
   */
  adoptOrEnqueue(request: EnqueueRequest): EnqueueReply {
    if (this.#closing) throw new MarqueError('INTERNAL', 'The studio is closing');
    const jobs = prepareJobs(request, { ...this.#deps, fontsOf: this.#textFonts.fontsOf });
    const isGone = (runner: string | null) => this.#runners.isGone(runner);
    this.#events.changed(this.#jobs.recoverOrphans(isGone, MAX_ATTEMPTS));
    const ids = this.#jobs.adoptOrInsert(jobs, this.instanceId, isGone);
    this.#events.changed(ids);
    if (request.priority === 'interactive') this.#yieldPrefetched();
    this.#pump();
    return { jobs: this.#jobs.rows(ids).map((row) => this.#toJob(row)) };
  }

  /**
   * `marque jobs --drain`: this instance adopts every queued job (of one logo, or all), jobs a dead
   * process left running included, and runs them once it holds the queue. Returns what is unfinished.
   */
  adoptQueued(logoId?: string): Job[] {
    this.#events.changed(this.#jobs.recoverOrphans((r) => this.#runners.isGone(r), MAX_ATTEMPTS));
    this.#jobs.adoptQueued(this.instanceId, logoId, (r) => this.#runners.isGone(r));
    this.#pump();
    return this.#jobs.rows(this.#jobs.unfinished(logoId)).map((row) => this.#toJob(row));
  }

  /** Jobs not finished yet (queued or running), oldest first. */
  unfinished(logoId?: string): Job[] {
    return this.#jobs.rows(this.#jobs.unfinished(logoId)).map((row) => this.#toJob(row));
  }

  get(id: string): Job {
    const row = this.#jobs.row(id);
    if (!row) throw new MarqueError('NOT_FOUND', `No job with id ${id}`);
    return this.#toJob(row);
  }

  list(query: ParsedJobsQuery): Page<Job> {
    const page = this.#jobs.list(query);
    return { ...page, items: page.items.map((row) => this.#toJob(row)) };
  }

  /** Cancels a job; a running one returns once its worker is gone and its temp files removed. */
  async cancel(id: string): Promise<Job> {
    const job = this.get(id);
    if (job.state === 'queued' && this.#jobs.cancelQueued(id)) {
      this.#events.changed([id]);
      this.#waiters.wake(id);
      return this.get(id);
    }
    const active = this.#active.get(id);
    if (active) {
      active.controller.abort();
      await active.settled;
    } else if (job.state === 'running' && this.#jobs.cancelForeign(id)) {
      // Run by another process on this library (the CLI beside the app): we cannot stop its thread,
      // but the job ends here and that runner's result is no longer recorded.
      this.#events.changed([id]);
      this.#waiters.wake(id);
    }
    return this.get(id);
  }

  retry(id: string): Job {
    const job = this.get(id);
    if (job.state !== 'failed' && job.state !== 'cancelled') {
      throw new MarqueError('INVALID_INPUT', `Job ${id} is ${job.state}; only failed or cancelled jobs can be retried`);
    }
    if (!canRetry(job)) {
      throw new MarqueError(
        'INVALID_INPUT',
        `Job ${id} cannot succeed by running again (${job.errorMessage ?? job.errorCode}); change the logo or the options`,
      );
    }
    this.#jobs.retry(id);
    this.#events.changed([id]);
    this.#pump();
    return this.get(id);
  }

  /** Queues again every failed job (of one batch, or all) that a second run can fix; returns how many. */
  retryFailed(batchId?: string): { retried: number } {
    const ids = this.#jobs
      .failed(batchId)
      .filter((row) => isRetryable(isErrorCode(row.error_code) ? row.error_code : 'INTERNAL'))
      .map((row) => row.id)
      .filter((id) => this.#jobs.retry(id));
    this.#events.changed(ids);
    if (ids.length > 0) this.#pump();
    return { retried: ids.length };
  }

  clearFinished(logoId?: string): { removed: number } {
    const removed = this.#jobs.clearFinished(logoId);
    this.#events.removed(removed);
    return { removed: removed.length };
  }

  /**
   * What was produced for a logo, newest first, each output once; `available` is false once the
   * cache evicted the files.
   */
  async outputs(logoId: string): Promise<LogoOutput[]> {
    const logo = this.#deps.logoOf(logoId);
    return Promise.all(
      latestOfEach(this.#jobs.outputs(logoId)).map(async (row) => {
        const available = await stat(join(this.#deps.cache.pathOf(OUTPUT_KIND, row.cache_key), MANIFEST)).then(
          (info) => info.isFile(),
          () => false,
        );
        return outputRowToLogoOutput(row, logo.hash, this.#deps.registry.get(row.recipe)?.version ?? null, available);
      }),
    );
  }

  /** A file of a job's output, for downloads: only paths the job recorded, inside its output folder. */
  async outputFile(jobId: string, relativePath: string): Promise<{ path: string; mime: string; filename: string }> {
    const segments = outputPathSegments(relativePath);
    const output = this.#jobs.outputOfJob(jobId);
    if (!output) throw new MarqueError('NOT_FOUND', `Job ${jobId} has no output`);
    const files = JSON.parse(output.files) as { path: string; mime: string }[];
    const file = files.find((f) => f.path === relativePath);
    if (!file) throw new MarqueError('NOT_FOUND', `Job ${jobId} produced no file ${relativePath}`);
    const root = join(this.#deps.cache.pathOf(OUTPUT_KIND, output.cache_key), FILES);
    const path = join(root, ...segments);
    if (!path.startsWith(root + sep)) throw new MarqueError('FORBIDDEN', `${relativePath} is outside the job's output`);
    const info = await stat(path).catch(unlessMissing(null));
    if (!info?.isFile())
      throw new MarqueError(
        'NOT_FOUND',
        `${relativePath} was evicted from the cache; run the ${output.recipe} recipe again`,
      );
    return { path, mime: file.mime, filename: basename(path) };
  }

  /** Queues one job and resolves when it is done; rejects with the job's error when it fails. */
  async runToCompletion(
    logoId: string,
    recipe: string,
    options: Readonly<Record<string, unknown>> = {},
    priority: JobPriority = 'batch',
  ): Promise<Job> {
    const [job] = this.enqueue({ logoIds: [logoId], recipe, options, priority }).jobs;
    if (!job) throw new MarqueError('INTERNAL', 'enqueue returned no job');
    const final = await this.waitFor(job.id);
    if (final.state === 'done') return final;
    throw new MarqueError(final.errorCode ?? 'PROCESSING_FAILED', final.errorMessage ?? `${recipe} ${final.state}`);
  }

  /**
   * The exporter's RecipeRunner: produces (or finds in the cache) one recipe's output for a logo and
   * names each file with its absolute path. Aborting `signal` cancels the job.
   */
  async produce(
    logo: Pick<Logo, 'id'>,
    recipe: string,
    options: Readonly<Record<string, unknown>>,
    signal?: AbortSignal,
    batchId?: string,
  ): Promise<{ path: string; source: string; bytes: number; warnings: readonly string[] }[]> {
    signal?.throwIfAborted();
    const [queued] = this.enqueue({
      logoIds: [logo.id],
      recipe,
      options,
      priority: 'batch',
      ...(batchId ? { batchId } : {}),
    }).jobs;
    if (!queued) throw new MarqueError('INTERNAL', 'enqueue returned no job');
    const onAbort = () =>
      void this.cancel(queued.id).catch((error: unknown) =>
        this.#log.warn({ err: error, jobId: queued.id, recipe }, 'cancel on abort failed'),
      );
    signal?.addEventListener('abort', onAbort, { once: true });
    let job: Job;
    try {
      job = await this.waitFor(queued.id);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (job.state !== 'done')
      throw new MarqueError(job.errorCode ?? 'PROCESSING_FAILED', job.errorMessage ?? `${recipe} ${job.state}`);
    const warnings = factWarnings(job.facts).slice(0, 50);
    return Promise.all(
      job.files.map(async (file) => ({
        path: file.path,
        source: (await this.outputFile(job.id, file.path)).path,
        bytes: file.byteSize,
        warnings,
      })),
    );
  }

  /** Resolves once the job is done, failed or cancelled (also when another process runs it). */
  waitFor(id: string): Promise<Job> {
    return this.#waiters.wait(id);
  }

  #toJob(row: JobRow): Job {
    return rowToJob(row, this.#progress.get(row.id));
  }

  /** Starts queued jobs while threads are free. Synchronous claims keep it race-free in-process. */
  #pump(): void {
    if (this.#closing || !this.#holdsLease) return;
    const free = this.#deps.pool.threads + PREFETCH - this.#active.size;
    if (free <= 0) return;
    const onlyOwner = (this.#deps.scope ?? 'all') === 'own' ? this.instanceId : null;
    const claimed = this.#jobs.claim(free, this.instanceId, onlyOwner);
    if (claimed.length === 0) return;
    this.#events.changed(claimed.map((row) => row.id));
    for (const row of claimed) {
      const active: Active = {
        controller: new AbortController(),
        settled: Promise.resolve(),
        batch: row.priority !== 0,
        started: false,
        yielded: false,
      };
      this.#active.set(row.id, active);
      active.settled = this.#run(row, active).finally(() => {
        this.#active.delete(row.id);
        this.#progress.delete(row.id);
        this.#waiters.wake(row.id);
        this.#pump();
      });
    }
  }

  /** Batch jobs prefetched into the pool but not started go back to the queue, so interactive ones run first. */
  #yieldPrefetched(): void {
    for (const active of this.#active.values()) {
      if (active.batch && !active.started && !active.yielded) {
        active.yielded = true;
        active.controller.abort();
      }
    }
  }

  async #run(row: JobRow, active: Active): Promise<void> {
    const signal = active.controller.signal;
    let reply: PipelineReply;
    let fromCache = false;
    try {
      const outputDir = this.#deps.cache.pathOf(OUTPUT_KIND, row.cache_key);
      const cached = await readOutputManifest(outputDir);
      if (cached) {
        fromCache = true;
        reply = { ok: true, files: cached.files, facts: cached.facts };
      } else {
        reply = await this.#deps.pool.run(
          {
            jobId: row.id,
            recipe: row.recipe,
            optionsJson: row.options,
            masterPath: this.#deps.store.pathOf(row.master_hash),
            input: JSON.parse(row.input) as TaskInput,
            tempDir: join(this.#tempRoot, this.instanceId, `${row.id}-${row.attempts}`),
            outputDir,
          },
          {
            signal,
            onStarted: () => {
              active.started = true;
            },
            onProgress: (percent) => {
              this.#progress.set(row.id, percent);
              this.#events.changed([row.id]);
            },
          },
        );
      }
    } catch (error) {
      this.#log.error({ err: error, jobId: row.id, recipe: row.recipe, logoId: row.logo_id }, 'job failed in the pool');
      reply = { ok: false, error: { code: 'INTERNAL', message: (error as Error).message } };
    }
    this.#record(row, reply, fromCache, active);
  }

  #record(row: JobRow, reply: PipelineReply, fromCache: boolean, active: Active): void {
    try {
      if (!reply.ok && (this.#closing || active.yielded) && reply.error.code === 'CANCELLED') {
        // Interrupted by close or by a yield, not by the job or the user: it runs again later.
        this.#jobs.requeue(row.id, this.instanceId);
      } else if (reply.ok) {
        // One transaction (one fsync) for the cache index and the job row.
        const recorded = this.#deps.db.transaction(() => {
          this.#indexOutput(row, fromCache);
          return this.#jobs.markDone(row, reply.files, reply.facts, fromCache, this.instanceId);
        })();
        if (!fromCache) this.#enforceCacheCap();
        if (recorded) {
          this.#deps.onDone?.(this.get(row.id));
        }
      } else {
        const state = reply.error.code === 'CANCELLED' ? 'cancelled' : 'failed';
        if (state === 'failed')
          this.#log.warn(
            {
              jobId: row.id,
              recipe: row.recipe,
              logoId: row.logo_id,
              code: reply.error.code,
              reason: reply.error.message,
            },
            'job failed',
          );
        this.#jobs.markEnded(
          row.id,
          state,
          reply.error.code,
          reply.error.message,
          this.instanceId,
          !active.started && !fromCache,
        );
      }
    } catch (error) {
      // The logo was purged meanwhile (its jobs went with it) or the database closed: nothing to record.
      this.#log.info({ err: error, jobId: row.id, recipe: row.recipe }, 'job result not recorded');
    }
    this.#events.changed([row.id]);
  }

  /** Puts an output folder in the cache's size index (LRU eviction, purge with its original), or marks it used. */
  #indexOutput(row: JobRow, fromCache: boolean): void {
    try {
      if (fromCache) this.#deps.cache.touch(OUTPUT_KIND, row.cache_key);
      else this.#deps.cache.record(OUTPUT_KIND, row.cache_key, row.master_hash);
    } catch (error) {
      // The index is advisory; start-up reconciliation picks up anything it missed.
      this.#log.warn({ err: error, jobId: row.id, recipe: row.recipe }, 'output not indexed in the cache');
    }
  }

  #enforceCacheCap(): void {
    try {
      this.#deps.cache.enforceCap();
    } catch (error) {
      // Eviction is best effort; the next write tries again.
      this.#log.warn({ err: error }, 'cache eviction failed');
    }
  }

  /** Stops the queue and terminates the workers now; running jobs go back to the queue for the next start. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    if (this.#poll) clearInterval(this.#poll);
    for (const active of this.#active.values()) active.controller.abort();
    await this.#deps.pool.close();
    await Promise.all([...this.#active.values()].map((active) => active.settled));
    this.#waiters.wakeAll();
    this.#events.flush();
    this.#events.close();
    this.#lease.release();
    this.#holdsLease = false;
    this.#runners.unregister();
    const temp = join(this.#tempRoot, this.instanceId);
    // Left behind, it is removed at the next start (removeDeadTempFolders).
    await rm(temp, { recursive: true, force: true }).catch((error: unknown) =>
      this.#log.warn({ err: error, dir: temp }, 'pipeline temp folder not removed'),
    );
  }
}

/**
 * One row per output a designer would call the same: the newest of each recipe x options x master x
 * processor version. Rows that differ only in inputs the panel does not show (the logo's name or
 * palette, the fonts, the print setup) are one output made again, not two outputs.
 */
function latestOfEach<T extends { recipe: string; options: string; master_hash: string; processor_version: number }>(
  rows: readonly T[],
): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = JSON.stringify([row.recipe, row.options, row.master_hash, row.processor_version]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
