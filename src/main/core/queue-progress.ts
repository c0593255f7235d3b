import type { JobState, JobsChange } from '../../shared/contract/jobs.ts';

/**
 * Overall progress of the jobs in flight, folded from 'jobs.changed' events: what the dock or
 * taskbar shows. A batch counts from when its first job was queued until its last one finished,
 * so the bar moves forward as jobs finish instead of jumping back.
 */
export class QueueProgress {
  readonly #batch = new Map<string, { state: JobState; progress: number }>();

  apply(change: JobsChange): void {
    for (const id of change.removedIds) this.#batch.delete(id);
    for (const job of change.jobs) this.#batch.set(job.id, { state: job.state, progress: job.progress });
    if (this.active() === 0) this.#batch.clear();
  }

  active(): number {
    let count = 0;
    for (const job of this.#batch.values()) if (job.state === 'queued' || job.state === 'running') count++;
    return count;
  }

  /** 0-1 while jobs are in flight; null when the queue is idle. */
  fraction(): number | null {
    if (this.#batch.size === 0) return null;
    let sum = 0;
    for (const job of this.#batch.values())
      sum += job.state === 'queued' || job.state === 'running' ? job.progress / 100 : 1;
    return sum / this.#batch.size;
  }
}
