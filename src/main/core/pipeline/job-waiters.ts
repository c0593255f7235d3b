import type { Job } from '../../../shared/contract/jobs.ts';
import { MarqueError } from '../../../shared/errors.ts';

const POLL_MS = 1_000;

/**
 * Promises for jobs to finish. Woken when this process records a job; also polls, because another
 * process on the same library (the app beside the CLI) may be the one running it.
 */
export class JobWaiters {
  readonly #checks = new Map<string, Set<() => void>>();
  readonly #get: (id: string) => Job;
  readonly #closing: () => boolean;

  constructor(get: (id: string) => Job, closing: () => boolean) {
    this.#get = get;
    this.#closing = closing;
  }

  /** Resolves once the job is done, failed or cancelled; rejects if it vanishes or the studio closes. */
  wait(id: string): Promise<Job> {
    return new Promise((resolve, reject) => {
      const checks = this.#checks.get(id) ?? new Set<() => void>();
      this.#checks.set(id, checks);
      const finish = () => {
        clearInterval(timer);
        checks.delete(check);
        if (checks.size === 0 && this.#checks.get(id) === checks) this.#checks.delete(id);
      };
      const check = () => {
        let job: Job;
        try {
          job = this.#get(id);
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') {
          finish();
          resolve(job);
        } else if (this.#closing()) {
          finish();
          reject(new MarqueError('CANCELLED', `The studio closed before job ${id} finished`));
        }
      };
      const timer = setInterval(check, POLL_MS);
      checks.add(check);
      check();
    });
  }

  wake(id: string): void {
    for (const check of [...(this.#checks.get(id) ?? [])]) check();
  }

  wakeAll(): void {
    for (const id of [...this.#checks.keys()]) this.wake(id);
  }
}
