import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { canRetry } from '../../../../shared/contract/jobs.ts';
import { MarqueError } from '../../../../shared/errors.ts';
import { client } from '../../api/client.ts';
import { logQuietly } from '../../api/report-error.ts';
import { plural } from '../../components/format.ts';
import { Icon } from '../../components/Icon.tsx';
import { isActive, loadJobs, sortedJobs, useJobsStore } from '../../stores/jobs-store.ts';
import { BatchCard } from './BatchCard.tsx';
import './queue.css';
import { act, useNow } from './JobRow.tsx';
import { groupByBatch, matchesFilter, QUEUE_FILTERS, type QueueFilter, runSummary } from './queue-batches.ts';

const FILTER_LABELS: Record<QueueFilter, string> = {
  all: 'All',
  running: 'Running',
  queued: 'Queued',
  failed: 'Failed',
  done: 'Done',
};

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
  const [filter, setFilter] = useState<QueueFilter>('all');
  useEffect(() => {
    void loadJobs();
  }, []);
  const list = sortedJobs(jobs);
  const active = list.filter(isActive);
  const finished = list.length - active.length;
  const retryable = list.filter((job) => job.state === 'failed' && canRetry(job)).length;
  const now = useNow(active.length > 0);
  const batches = groupByBatch(list);
  const shownJobs = list.filter((job) => matchesFilter(job, filter)).slice(0, 300);
  const shownIds = new Set(shownJobs.map((job) => job.id));
  const names = useLogoNames(shownJobs.map((job) => job.logoId));
  // Throughput: jobs finished in the last minute.
  const recent = list.filter(
    (job) => job.finishedAt && now - Date.parse(job.finishedAt) < 60_000 && job.state === 'done',
  ).length;
  const summary = runSummary(list);
  const failedAny = list.some((job) => job.state === 'failed');

  return (
    <div className="page">
      <header className="page__header page__header--wrap">
        <h1>Queue</h1>
        <p
          className={active.length === 0 && failedAny ? 'queue__summary queue__summary--failed' : 'muted'}
          role="status"
        >
          {active.length > 0
            ? `${plural(active.length, 'job')} to go · ${recent} done in the last minute`
            : (summary ?? 'Nothing queued.')}
        </p>
        <span className="toolbar__spacer" />
        <button
          type="button"
          className="button"
          disabled={retryable === 0}
          onClick={() => void act('retry the failed jobs', () => client.call('jobs.retryFailed', {}))}
        >
          Retry all failed{retryable > 0 ? ` (${retryable})` : ''}
        </button>
        <button
          type="button"
          className="button"
          disabled={finished === 0}
          onClick={() => void act('clear finished jobs', () => client.call('jobs.clearFinished', {}))}
        >
          Clear finished
        </button>
      </header>
      {list.length > 0 && (
        <fieldset className="segmented" aria-label="Show jobs">
          {QUEUE_FILTERS.map((value) => {
            const count = value === 'all' ? list.length : list.filter((job) => job.state === value).length;
            return (
              <button
                key={value}
                type="button"
                className="segmented__item"
                aria-pressed={filter === value}
                onClick={() => setFilter(value)}
              >
                {FILTER_LABELS[value]} <span className="segmented__count">{count.toLocaleString()}</span>
              </button>
            );
          })}
        </fieldset>
      )}
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
        <div className="batches">
          {batches.map((batch) => {
            const shown = batch.jobs.filter((job) => shownIds.has(job.id));
            return shown.length === 0 ? null : (
              <BatchCard key={batch.id} batch={batch} shown={shown} names={names} now={now} />
            );
          })}
          {shownJobs.length === 0 && <p className="muted">No {FILTER_LABELS[filter].toLowerCase()} jobs.</p>}
        </div>
      )}
    </div>
  );
}
