import { rm } from 'node:fs/promises';
import v8 from 'node:v8';
import type { ResourceLimits } from 'node:worker_threads';
import { MessageChannel, type Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ErrorEnvelope } from '../../../shared/errors.ts';
import type { Log } from '../log/logger.ts';
import type { PipelineReply, PipelineTask, WorkerMessage } from './protocol.ts';

export interface WorkerPoolOptions {
  /** The worker entry (pipeline-worker.ts in the checkout, its built .js in Electron). */
  readonly entry: string;
  readonly threads: number;
  /** Wall-clock limit for one task; an overrunning task fails and its thread is replaced. */
  readonly taskTimeoutMs: number;
  readonly resourceLimits?: ResourceLimits;
  readonly processorModules?: readonly string[];
  /** Threads kept running while idle (default 0). */
  readonly warmThreads?: number;
  readonly log?: Log;
}

export interface RunOptions {
  readonly signal: AbortSignal;
  /** A thread picked the task up. */
  readonly onStarted?: () => void;
  readonly onProgress: (percent: number) => void;
}

/** Heap caps per thread: sharp's pixels live outside the JS heap, so this only stops runaway JS. */
export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 768,
  maxYoungGenerationSizeMb: 64,
  stackSizeMb: 8,
};
const EXIT_WAIT_MS = 5_000;

/**
 * Old-space size a pipeline thread's heap starts with. A recipe run leaves little on the JS heap
 * but allocates megabytes of pixel buffers, and V8 sizes a fresh isolate's old space so small that
 * nearly every job then triggered a full mark-compact (measured: ~0.6 per trace job, a quarter of
 * the thread's time). V8 flags are process-wide and read when an isolate is created, so this is set
 * once, before the first thread starts; it only moves the point where V8 starts collecting, the
 * per-thread cap (DEFAULT_RESOURCE_LIMITS) still bounds the heap.
 */
export const INITIAL_OLD_SPACE_MB = 256;
let heapFlagsSet = false;

function setWorkerHeapFlags(): void {
  if (heapFlagsSet) return;
  heapFlagsSet = true;
  v8.setFlagsFromString(`--initial-old-space-size=${INITIAL_OLD_SPACE_MB}`);
}
const STARTUP_GRACE_MS = 60_000;

/**
 * The worker_threads pool (piscina). `run` settles exactly once and never rejects: a reply, a
 * cancel, a timeout or a dead thread all come back as a PipelineReply. After a cancel or timeout
 * it waits for the thread to be gone before removing the task's temp folder, so no partial
 * output can appear afterwards.
 */
export class WorkerPool {
  #pool: Piscina<PipelineTask, PipelineReply>;
  #threads: number;
  /** The current pool reported a thread that could not start. */
  #broken = false;
  /** Pools replaced by a resize, finishing their tasks. */
  readonly #retired = new Set<Piscina<PipelineTask, PipelineReply>>();
  readonly #options: WorkerPoolOptions;
  /** Tasks in flight, so a pool that cannot start threads fails them instead of leaving them queued forever. */
  readonly #inFlight = new Set<{ readonly pool: Piscina<PipelineTask, PipelineReply>; fail(reason: string): void }>();

  constructor(options: WorkerPoolOptions) {
    this.#options = options;
    this.#threads = Math.max(1, Math.floor(options.threads));
    this.#pool = this.#create(this.#threads);
  }

  get threads(): number {
    return this.#threads;
  }

  #create(threads: number): Piscina<PipelineTask, PipelineReply> {
    setWorkerHeapFlags();
    const pool = new Piscina<PipelineTask, PipelineReply>({
      filename: this.#options.entry,
      name: 'default',
      // One thread stays warm for the app (a preview should not wait for sharp and the recipes to
      // load); the rest start on demand and leave after a minute idle. A CLI command keeps none.
      minThreads: Math.min(threads, this.#options.warmThreads ?? 0),
      maxThreads: threads,
      idleTimeout: 60_000,
      concurrentTasksPerWorker: 1,
      resourceLimits: this.#options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS,
      workerData: { processorModules: [...(this.#options.processorModules ?? [])] },
    });
    pool.on('error', (error: Error) => this.#onPoolError(pool, error));
    return pool;
  }

  /**
   * Piscina reports a thread that failed to start (the entry or a recipe module does not load) as
   * a pool 'error' and then leaves queued tasks waiting forever. Fail them; the next task gets a
   * fresh pool, so it tries again (the module may be back).
   */
  #onPoolError(pool: Piscina<PipelineTask, PipelineReply>, error: Error): void {
    for (const task of this.#inFlight) if (task.pool === pool) task.fail(error?.message ?? String(error));
    // Replaced on the next task, not now: a warm thread that cannot start would otherwise loop.
    if (pool === this.#pool) this.#broken = true;
  }

  /** New size for tasks started from now on; the old pool finishes what it runs, then closes. */
  resize(threads: number): void {
    const size = Math.max(1, Math.floor(threads));
    if (size === this.#threads) return;
    const old = this.#pool;
    this.#threads = size;
    this.#pool = this.#create(size);
    this.#retired.add(old);
    void old
      .close()
      .catch((error: unknown) => this.#options.log?.warn({ err: error }, 'resized-away worker pool did not close'))
      .finally(() => this.#retired.delete(old));
  }

  async run(task: Omit<PipelineTask, 'port'>, options: RunOptions): Promise<PipelineReply> {
    if (this.#broken) {
      const old = this.#pool;
      this.#broken = false;
      this.#pool = this.#create(this.#threads);
      void old
        .destroy()
        .catch((error: unknown) => this.#options.log?.warn({ err: error }, 'broken pool not destroyed'));
    }
    const pool = this.#pool;
    const channel = new MessageChannel();
    const controller = new AbortController();
    let worker: Worker | null = null;
    let exited = false;
    const onExit = () => {
      exited = true;
    };
    let timedOut = false;
    const onTimeout = () => {
      timedOut = true;
      controller.abort('timeout');
    };
    // The clock starts when a thread picks the task up (starting a thread loads sharp and the
    // recipes); until then only a generous guard runs, in case a thread never comes up.
    let timer = setTimeout(onTimeout, this.#options.taskTimeoutMs + STARTUP_GRACE_MS);
    let started = false;
    const markStarted = () => {
      if (started) return;
      started = true;
      options.onStarted?.();
    };
    channel.port1.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') options.onProgress(message.percent);
      else if (message.kind === 'started') {
        clearTimeout(timer);
        timer = setTimeout(onTimeout, this.#options.taskTimeoutMs);
        markStarted();
        worker = pool.threads.find((w) => w.threadId === message.threadId) ?? null;
        worker?.once('exit', onExit);
      }
    });
    let broken: string | null = null;
    const entry = {
      pool,
      fail: (reason: string) => {
        broken = reason;
        controller.abort('broken');
      },
    };
    this.#inFlight.add(entry);
    const onCancel = () => controller.abort('cancelled');
    if (options.signal.aborted) onCancel();
    else options.signal.addEventListener('abort', onCancel, { once: true });
    try {
      const port = channel.port2;
      const reply = await pool.run({ ...task, port }, { transferList: [port], signal: controller.signal });
      // A reply means the thread ran the task. Its result travels on another port than the
      // 'started' message and can overtake it (a processor that fails at once): the attempt counts.
      markStarted();
      return reply;
    } catch (error) {
      // The thread was terminated (cancel, timeout) or died (out of memory, crash). Wait until it
      // is gone, so none of its writes can land after the temp folder is removed.
      if (worker && !exited) await waitForExit(worker);
      await rm(task.tempDir, { recursive: true, force: true }).catch((cleanup: unknown) =>
        this.#options.log?.warn({ err: cleanup, dir: task.tempDir }, 'task temp folder not removed'),
      );
      if (broken !== null)
        return {
          ok: false,
          error: { code: 'PROCESSING_FAILED', message: `The processing worker could not start: ${broken}` },
        };
      return { ok: false, error: this.#describe(error, controller.signal.aborted, timedOut, task) };
    } finally {
      this.#inFlight.delete(entry);
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onCancel);
      (worker as Worker | null)?.off('exit', onExit);
      channel.port1.close();
    }
  }

  #describe(error: unknown, aborted: boolean, timedOut: boolean, task: Omit<PipelineTask, 'port'>): ErrorEnvelope {
    const what = `${task.recipe} for "${task.input.name}"`;
    if (timedOut)
      return {
        code: 'TIMEOUT',
        message: `${what} ran over ${Math.round(this.#options.taskTimeoutMs / 1000)} s and was stopped`,
      };
    if (aborted) return { code: 'CANCELLED', message: `${what} was cancelled` };
    return {
      code: 'PROCESSING_FAILED',
      message: `${what}: the worker stopped (${(error as Error)?.message ?? String(error)})`,
    };
  }

  /** Terminates every thread now; tasks in flight come back as failures. */
  async close(): Promise<void> {
    await Promise.all([this.#pool, ...this.#retired].map((pool) => pool.destroy()));
  }
}

function waitForExit(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, EXIT_WAIT_MS);
    function done() {
      clearTimeout(timer);
      worker.off('exit', done);
      resolve();
    }
    worker.once('exit', done);
  });
}
