import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { mediaPath } from '../../../../shared/client.ts';
import { canRetry, type Job } from '../../../../shared/contract/jobs.ts';
import { MarqueError } from '../../../../shared/errors.ts';
import { client } from '../../api/client.ts';
import { logQuietly } from '../../api/report-error.ts';
import { formatDuration, plural } from '../../components/format.ts';
import { Icon } from '../../components/Icon.tsx';
import { recipeLabel } from '../../components/recipes.ts';
import { isActive, loadJobs, sortedJobs, useJobsStore } from '../../stores/jobs-store.ts';
import { errorMessage, showToast } from '../../stores/toast-store.ts';

const STATE_LABELS: Record<Job['state'], string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Re-renders every second while something runs, so elapsed times tick. */
function useNow(active: boolean): number {
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

async function act(what: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    showToast({ tone: 'error', message: `Could not ${what}: ${errorMessage(error)}` });
  }
}

function JobRow({ job, name, now }: { job: Job; name: string; now: number }) {
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
          {job.errorMessage && <span className="job__error">{job.errorMessage}</span>}
        </div>
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

/** Logo names for the jobs on screen, read once each (jobs carry ids only). */
function useLogoNames(ids: readonly string[]): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    const missing = key.split(',').filter((id) => id && !names.has(id));
    if (missing.length === 0) return;
    let live = true;
    void Promise.all(
      missing.slice(0, 200).map((id) =>
        client
          .call('library.get', { id })
          .then((logo) => [id, logo.name] as const)
          .catch((error: unknown) => {
            // A purged logo's jobs outlive it; anything else is worth a line in the log.
            if (!(error instanceof MarqueError && error.code === 'NOT_FOUND')) logQuietly('naming a job’s logo', error);
            return [id, 'Deleted logo'] as const;
          }),
      ),
    ).then((pairs) => {
      if (live) setNames((current) => new Map([...current, ...pairs]));
    });
    return () => {
      live = false;
    };
  }, [key, names]);
  return names;
}

export function QueueScreen() {
  const { jobs, loaded, error } = useJobsStore(
    useShallow((state) => ({ jobs: state.jobs, loaded: state.loaded, error: state.error })),
  );
  useEffect(() => {
    void loadJobs();
  }, []);
  const list = sortedJobs(jobs);
  const active = list.filter(isActive);
  const finished = list.length - active.length;
  const now = useNow(active.length > 0);
  const names = useLogoNames(list.slice(0, 300).map((job) => job.logoId));
  // Throughput: jobs finished in the last minute.
  const recent = list.filter(
    (job) => job.finishedAt && now - Date.parse(job.finishedAt) < 60_000 && job.state === 'done',
  ).length;

  return (
    <div className="page">
      <header className="page__header">
        <h1>Queue</h1>
        <p className="muted">
          {active.length > 0
            ? `${plural(active.length, 'job')} to go · ${recent} done in the last minute`
            : 'Nothing running.'}
        </p>
        <span className="toolbar__spacer" />
        <button
          type="button"
          className="button"
          disabled={finished === 0}
          onClick={() => void act('clear finished jobs', () => client.call('jobs.clearFinished', {}))}
        >
          Clear finished
        </button>
      </header>
      {error && (
        <div className="banner banner--error" role="alert">
          {error}
        </div>
      )}
      {loaded && list.length === 0 ? (
        <div className="empty">
          <Icon name="queue" size={40} />
          <h2>The queue is empty</h2>
          <p>Recipes you run from Export appear here with their progress.</p>
        </div>
      ) : (
        <ul className="jobs" aria-label="Jobs">
          {list.slice(0, 300).map((job) => (
            <JobRow key={job.id} job={job} name={names.get(job.logoId) ?? '…'} now={now} />
          ))}
        </ul>
      )}
    </div>
  );
}
