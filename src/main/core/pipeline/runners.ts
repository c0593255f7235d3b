import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../database/database.ts';
import { type Log, silentLog } from '../log/logger.ts';

/** Pipeline instances alive in this process (a test or a CLI may open several studios in turn). */
export const liveInstances = new Set<string>();

/** How often a live runner refreshes its heartbeat, and how old one may get before the runner counts as gone. */
export const HEARTBEAT_MS = 5_000;
export const HEARTBEAT_EXPIRY_MS = 30_000;

/** True while a process with this pid exists (EPERM: it exists but is not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * This instance's row in `job_runners`, kept fresh by a heartbeat, and the test other instances
 * use to tell whether a runner (and the jobs it holds) is gone.
 */
export class RunnerRegistry {
  readonly #db: Db;
  readonly #self: string;
  readonly #log: Log;
  #timer: NodeJS.Timeout | null = null;

  constructor(db: Db, self: string, log: Log = silentLog()) {
    this.#db = db;
    this.#self = self;
    this.#log = log;
  }

  register(): void {
    liveInstances.add(this.#self);
    this.#db
      .prepare(
        `INSERT INTO job_runners (runner, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (runner) DO UPDATE SET heartbeat_at = excluded.heartbeat_at`,
      )
      .run(this.#self, process.pid, new Date().toISOString(), Date.now());
    this.#timer = setInterval(() => this.#beat(), HEARTBEAT_MS);
    this.#timer.unref();
  }

  #beat(): void {
    try {
      this.#db.prepare('UPDATE job_runners SET heartbeat_at = ? WHERE runner = ?').run(Date.now(), this.#self);
    } catch (error) {
      // Busy or closing: the next beat tries again, well inside the expiry.
      this.#log.debug({ err: error }, 'runner heartbeat missed');
    }
  }

  /** True when `runner` cannot be running anything any more. */
  isGone(runner: string | null): boolean {
    if (runner === null) return true;
    if (runner === this.#self || liveInstances.has(runner)) return false;
    const row = this.#db.prepare('SELECT pid, heartbeat_at FROM job_runners WHERE runner = ?').get(runner) as
      | { pid: number; heartbeat_at: number }
      | undefined;
    if (!row) return true;
    // Another instance of this process that was not closed: its row outlived it.
    if (row.pid === process.pid) return true;
    return !isProcessAlive(row.pid) || Date.now() - row.heartbeat_at > HEARTBEAT_EXPIRY_MS;
  }

  /** Forgets runners that are gone (after their jobs were recovered). */
  prune(): void {
    const rows = this.#db.prepare('SELECT runner FROM job_runners').all() as { runner: string }[];
    const drop = this.#db.prepare('DELETE FROM job_runners WHERE runner = ?');
    for (const { runner } of rows) if (this.isGone(runner)) drop.run(runner);
  }

  unregister(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    liveInstances.delete(this.#self);
    try {
      this.#db.prepare('DELETE FROM job_runners WHERE runner = ?').run(this.#self);
    } catch (error) {
      // The database is already closed: the row expires on its own.
      this.#log.debug({ err: error }, 'runner row left to expire');
    }
  }

  /** Removes temp folders (named by runner) of runners that are gone: what a crash or a killed worker left. */
  async removeDeadTempFolders(root: string): Promise<void> {
    const names = await readdir(root).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') this.#log.warn({ err: error, dir: root }, 'pipeline temp root not readable');
      return [] as string[];
    });
    for (const name of names) {
      if (!this.isGone(name)) continue;
      await rm(join(root, name), { recursive: true, force: true }).catch((error: unknown) =>
        this.#log.warn({ err: error, dir: join(root, name) }, 'dead runner temp folder not removed'),
      );
    }
  }
}
