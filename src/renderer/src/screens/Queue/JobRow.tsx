import { useEffect, useState } from 'react';
import { mediaPath } from '../../../../shared/client.ts';
import { canRetry, type Job } from '../../../../shared/contract/jobs.ts';
import { client } from '../../api/client.ts';
import { formatDuration } from '../../components/format.ts';
import { recipeLabel } from '../../components/recipes.ts';
import { isActive } from '../../stores/jobs-store.ts';
import { errorMessage, showToast } from '../../stores/toast-store.ts';
import { asSentence, errorWithoutName, failureAdvice } from './queue-batches.ts';

const STATE_LABELS: Record<Job['state'], string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Re-renders every second while something runs, so elapsed times tick. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function timing(job: Job, now: number): string {
  if (!job.startedAt) return job.state === 'queued' ? 'Waiting' : '';
  const started = Date.parse(job.startedAt);
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now;
  const elapsed = Math.max(0, end - started);
  if (job.state !== 'running' || job.progress <= 0) return formatDuration(elapsed);
  const eta = (elapsed * (100 - job.progress)) / job.progress;
  return `${formatDuration(elapsed)} · about ${formatDuration(eta)} left`;
}

export async function act(what: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    showToast({ tone: 'error', message: `Could not ${what}: ${errorMessage(error)}` });
  }
}

/** One job: its logo (named once), recipe, progress, state and, when it failed, why and what to do. */
export function JobRow({ job, name, now }: { job: Job; name: string; now: number }) {
  const error =
    job.errorMessage && job.state !== 'cancelled' ? asSentence(errorWithoutName(job.errorMessage, name)) : null;
  return (
    <li className={`job job--${job.state}`} data-job-state={job.state}>
      <div className="job__thumb checkerboard">
        <img src={mediaPath('thumb', job.logoId)} alt="" loading="lazy" />
      </div>
      <div className="job__main">
        <div className="job__title">
          <span className="job__recipe">{recipeLabel(job.recipe)}</span>
          <span className="job__logo">{name}</span>
        </div>
        <progress
          className="job__progress"
          max={100}
          value={job.state === 'done' ? 100 : job.progress}
          aria-label={`${recipeLabel(job.recipe)} for ${name}`}
        />
        <div className="job__meta">
          <span className={`state state--${job.state}`}>{STATE_LABELS[job.state]}</span>
          {job.fromCache && job.state === 'done' && <span className="muted">from cache</span>}
          <span className="muted">{timing(job, now)}</span>
        </div>
        {error && (
          <p className="job__error" title={error}>
            {error} <span className="job__advice">{failureAdvice(job)}</span>
          </p>
        )}
      </div>
      <div className="job__actions">
        {isActive(job) && (
          <button
            type="button"
            className="button"
            onClick={() => void act('cancel', () => client.call('jobs.cancel', { id: job.id }))}
          >
            Cancel
          </button>
        )}
        {canRetry(job) && (
          <button
            type="button"
            className="button"
            onClick={() => void act('retry', () => client.call('jobs.retry', { id: job.id }))}
          >
            Retry
          </button>
        )}
      </div>
    </li>
  );
}
