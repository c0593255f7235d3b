import { basename } from 'node:path';
import { MarqueError } from '../../../shared/errors.ts';
import type { IsolatedProcess, IsolatedProcessFactory } from './isolated-process.ts';
import {
  DEFAULT_INTAKE_LIMITS,
  type IntakeLimits,
  type IntakeReply,
  type IntakeRequest,
  type IntakeResult,
} from './protocol.ts';

export interface IntakeOptions {
  readonly entry: string;
  readonly spawn: IsolatedProcessFactory;
  readonly size?: number;
  /** Wall-clock limit for one file; the process is killed and replaced when it runs over. */
  readonly timeoutMs?: number;
  readonly limits?: Partial<IntakeLimits>;
}

/** First contact with untrusted files. `inspect` settles exactly once: reply, crash, timeout or close. */
export interface Intake {
  inspect(path: string, tmpDir: string, options?: InspectOptions): Promise<IntakeResult>;
  close(): Promise<void>;
}

interface SlotOptions {
  readonly entry: string;
  readonly spawn: IsolatedProcessFactory;
  readonly timeoutMs: number;
  readonly limits: IntakeLimits;
}

export interface InspectOptions {
  /** Keep the file's untouched bytes beside the sanitized master (only SVG masters differ). */
  readonly keepSource?: boolean;
}

interface Task {
  readonly path: string;
  readonly tmpDir: string;
  readonly keepSource: boolean;
  readonly resolve: (result: IntakeResult) => void;
  readonly reject: (error: MarqueError) => void;
}

/** One isolated decoder process, running one file at a time, under a watchdog. */
class IntakeSlot {
  #process: IsolatedProcess | null = null;
  #current: { task: Task; id: number; timer: NodeJS.Timeout | null } | null = null;
  /** A fresh process loads its modules before it can decode; that time is not the file's. */
  #ready = false;
  #startupTimer: NodeJS.Timeout | null = null;
  #nextId = 1;
  readonly #options: SlotOptions;
  readonly #onIdle: () => void;

  constructor(options: SlotOptions, onIdle: () => void) {
    this.#options = options;
    this.#onIdle = onIdle;
  }

  get busy(): boolean {
    return this.#current !== null;
  }

  run(task: Task): void {
    const process = this.#ensureProcess();
    const id = this.#nextId++;
    this.#current = { task, id, timer: null };
    const request: IntakeRequest = {
      id,
      path: task.path,
      tmpDir: task.tmpDir,
      limits: this.#options.limits,
      keepSource: task.keepSource,
    };
    process.postMessage(request);
    if (this.#ready) this.#startWatchdog();
  }

  /** The per-file wall clock starts once the process is ready to decode. */
  #startWatchdog(): void {
    if (!this.#current || this.#current.timer) return;
    this.#current.timer = setTimeout(() => this.#timeout(), this.#options.timeoutMs);
  }

  kill(reason: MarqueError): void {
    this.#finish((task) => task.reject(reason));
    this.#process?.kill();
    this.#process = null;
    this.#clearStartup();
  }

  #clearStartup(): void {
    if (this.#startupTimer) clearTimeout(this.#startupTimer);
    this.#startupTimer = null;
  }

  #ensureProcess(): IsolatedProcess {
    if (this.#process) return this.#process;
    const child = this.#options.spawn(this.#options.entry, 'Marque intake');
    this.#ready = false;
    // A process that cannot even start (broken install, starved machine) fails the file too.
    this.#startupTimer = setTimeout(() => {
      const file = this.#current ? basename(this.#current.task.path) : 'intake';
      this.kill(new MarqueError('DECODE_FAILED', `${file}: the image decoder did not start in time`));
    }, STARTUP_TIMEOUT_MS);
    child.onMessage((message) => {
      if (isReadySignal(message)) {
        if (child !== this.#process) return;
        this.#ready = true;
        this.#clearStartup();
        this.#startWatchdog();
        return;
      }
      this.#onMessage(child, message as IntakeReply);
    });
    child.onExit(() => {
      if (this.#process !== child) return;
      this.#process = null;
      this.#clearStartup();
      const file = this.#current ? basename(this.#current.task.path) : '';
      this.#finish((task) =>
        task.reject(
          new MarqueError('DECODE_FAILED', `${file}: the decoder stopped unexpectedly while reading this file`),
        ),
      );
    });
    this.#process = child;
    return child;
  }

  #onMessage(child: IsolatedProcess, reply: IntakeReply): void {
    if (child !== this.#process || !this.#current || reply.id !== this.#current.id) return;
    this.#finish((task) => {
      if (reply.ok) task.resolve(reply.result);
      else task.reject(new MarqueError(reply.code, reply.message));
    });
  }

  #timeout(): void {
    if (!this.#current) return;
    const seconds = Math.round(this.#options.timeoutMs / 100) / 10;
    const file = basename(this.#current.task.path);
    this.kill(
      new MarqueError(
        'DECODE_TIMEOUT',
        `${file}: took too long to decode (over ${seconds} s); it may be a decompression bomb`,
      ),
    );
  }

  #finish(settle: (task: Task) => void): void {
    const current = this.#current;
    if (!current) return;
    if (current.timer) clearTimeout(current.timer);
    this.#current = null;
    settle(current.task);
    this.#onIdle();
  }
}

const STARTUP_TIMEOUT_MS = 30_000;

function isReadySignal(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { ready?: unknown }).ready === true;
}

/** A small pool of intake processes with a FIFO queue. */
export class IntakePool implements Intake {
  readonly #slots: IntakeSlot[];
  readonly #queue: Task[] = [];
  #closed = false;

  constructor(options: IntakeOptions) {
    const size = Math.max(1, options.size ?? 1);
    const resolved: SlotOptions = {
      entry: options.entry,
      spawn: options.spawn,
      timeoutMs: options.timeoutMs ?? 10_000,
      limits: { ...DEFAULT_INTAKE_LIMITS, ...options.limits },
    };
    this.#slots = Array.from({ length: size }, () => new IntakeSlot(resolved, () => this.#pump()));
  }

  inspect(path: string, tmpDir: string, options: InspectOptions = {}): Promise<IntakeResult> {
    if (this.#closed) return Promise.reject(new MarqueError('CANCELLED', 'Marque is shutting down'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ path, tmpDir, keepSource: options.keepSource === true, resolve, reject });
      this.#pump();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const reason = new MarqueError('CANCELLED', 'Marque is shutting down');
    for (const task of this.#queue.splice(0)) task.reject(reason);
    for (const slot of this.#slots) slot.kill(reason);
  }

  #pump(): void {
    if (this.#closed) return;
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (!slot.busy) slot.run(this.#queue.shift() as Task);
    }
  }
}
