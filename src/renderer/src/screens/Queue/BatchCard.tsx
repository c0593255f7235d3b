import type { Job } from '../../../../shared/contract/jobs.ts';
import { client } from '../../api/client.ts';
import { formatDate, plural } from '../../components/format.ts';
import { recipeLabel } from '../../components/recipes.ts';
import { act, JobRow } from './JobRow.tsx';
import type { Batch } from './queue-batches.ts';

function batchTitle(batch: Batch): string {
  return `${batch.recipes.map(recipeLabel).join(', ')} for ${plural(batch.logos, 'logo')}`;
}

function batchStatus(batch: Batch): string {
  const finished = batch.counts.done + batch.counts.failed + batch.counts.cancelled;
  const parts = [`${finished.toLocaleString()} of ${batch.jobs.length.toLocaleString()} finished`];
  if (batch.counts.running > 0) parts.push(`${batch.counts.running} running`);
  if (batch.counts.failed > 0) parts.push(`${batch.counts.failed} failed`);
  if (batch.counts.cancelled > 0) parts.push(`${batch.counts.cancelled} cancelled`);
  return parts.join(' · ');
}

/** One request's jobs under one heading and one progress bar; only the jobs the filter shows are listed. */
export function BatchCard({
  batch,
  shown,
  names,
  now,
}: {
  batch: Batch;
  shown: readonly Job[];
  names: ReadonlyMap<string, string>;
  now: number;
}) {
  const title = batchTitle(batch);
  const headingId = `batch-${batch.id}`;
  const failed = batch.counts.failed > 0;
  return (
    <section className={`batch${failed ? ' batch--failed' : ''}`} aria-labelledby={headingId} data-batch={batch.id}>
      <header className="batch__header">
        <h2 id={headingId} className="batch__title">
          {title}
        </h2>
        <span className="muted batch__when">{formatDate(batch.createdAt)}</span>
        <span className="toolbar__spacer" />
        {batch.retryable > 0 && (
          <button
            type="button"
            className="button"
            onClick={() =>
              void act('retry the failed jobs', () => client.call('jobs.retryFailed', { batchId: batch.id }))
            }
          >
            Retry {plural(batch.retryable, 'failed job')}
          </button>
        )}
      </header>
      <progress className="batch__progress" max={1} value={batch.fraction} aria-label={`Progress of ${title}`} />
      <p className="batch__status">{batchStatus(batch)}</p>
      <ul className="jobs" aria-label={`Jobs of ${title}`}>
        {shown.map((job) => (
          <JobRow key={job.id} job={job} name={names.get(job.logoId) ?? '…'} now={now} />
        ))}
      </ul>
    </section>
  );
}
