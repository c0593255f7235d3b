import type { Job } from '../../../shared/contract/jobs.ts';
import type { EventHub } from '../events.ts';
import { type Log, silentLog } from '../log/logger.ts';

const FLUSH_MS = 80;

/**
 * Coalesces 'jobs.changed' events: state changes and progress of many jobs within a few tens of
 * milliseconds go out as one event with each job as it is at flush time, so a 50-job batch or a
 * chatty processor does not flood every client.
 */
export class JobsEventBatcher {
  readonly #hub: EventHub;
  readonly #load: (ids: readonly string[]) => Job[];
  readonly #changed = new Set<string>();
  readonly #removed = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  readonly #log: Log;

  constructor(hub: EventHub, load: (ids: readonly string[]) => Job[], log: Log = silentLog()) {
    this.#hub = hub;
    this.#load = load;
    this.#log = log;
  }

  changed(ids: readonly string[]): void {
    for (const id of ids) this.#changed.add(id);
    this.#schedule();
  }

  removed(ids: readonly string[]): void {
    for (const id of ids) {
      this.#changed.delete(id);
      this.#removed.add(id);
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#closed || this.#timer || (this.#changed.size === 0 && this.#removed.size === 0)) return;
    this.#timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#changed.size === 0 && this.#removed.size === 0) return;
    const ids = [...this.#changed];
    const removedIds = [...this.#removed];
    this.#changed.clear();
    this.#removed.clear();
    let jobs: Job[] = [];
    try {
      jobs = this.#load(ids);
    } catch (error) {
      // The database closed under us; the removed ids still go out.
      this.#log.info({ err: error, jobs: ids.length }, 'changed jobs not read for the event');
    }
    this.#hub.emit('jobs.changed', { jobs, removedIds });
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
