import { canRetry, type Job } from '../../../../shared/contract/jobs.ts';
import { PERMANENT_ERROR_CODES } from '../../../../shared/errors.ts';

/** The queue's state filter: 'all' or one state a designer asks about. */
export const QUEUE_FILTERS = ['all', 'running', 'queued', 'failed', 'done'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export function matchesFilter(job: Pick<Job, 'state'>, filter: QueueFilter): boolean {
  return filter === 'all' || job.state === filter;
}

/** One enqueue or export request's jobs, with what its progress bar shows. */
export interface Batch {
  readonly id: string;
  /** Newest first, like the list. */
  readonly jobs: readonly Job[];
  readonly recipes: readonly string[];
  readonly logos: number;
  /** When its oldest job was queued (members are newest first). */
  readonly createdAt: string;
  readonly counts: Readonly<Record<Job['state'], number>>;
  /** 0-1: finished jobs count whole, running ones by their own progress. */
  readonly fraction: number;
  /** Failed jobs a second run can fix ("Retry failed"). */
  readonly retryable: number;
}

function countStates(jobs: readonly Job[]): Record<Job['state'], number> {
  const counts = { queued: 0, running: 0, done: 0, failed: 0, cancelled: 0 };
  for (const job of jobs) counts[job.state]++;
  return counts;
}

/** Jobs (newest first) grouped by batch, newest batch first. */
export function groupByBatch(jobs: readonly Job[]): Batch[] {
  const groups = new Map<string, Job[]>();
  for (const job of jobs) {
    const group = groups.get(job.batchId);
    if (group) group.push(job);
    else groups.set(job.batchId, [job]);
  }
  return [...groups].map(([id, members]) => {
    const progress = members.reduce(
      (sum, job) => sum + (job.state === 'queued' ? 0 : job.state === 'running' ? job.progress / 100 : 1),
      0,
    );
    return {
      id,
      jobs: members,
      recipes: [...new Set(members.map((job) => job.recipe).reverse())],
      logos: new Set(members.map((job) => job.logoId)).size,
      createdAt: members.at(-1)?.createdAt ?? '',
      counts: countStates(members),
      fraction: members.length ? progress / members.length : 0,
      retryable: members.filter((job) => job.state === 'failed' && canRetry(job)).length,
    };
  });
}

/**
 * What to do about a failure, said once beside it: run it again when a second run can fix it,
 * otherwise change what the run depends on.
 */
export function failureAdvice(job: Pick<Job, 'errorCode'>): string {
  if (job.errorCode === 'CANCELLED') return 'Retry to run it again.';
  if (job.errorCode && PERMANENT_ERROR_CODES.has(job.errorCode))
    return job.errorCode === 'INVALID_INPUT'
      ? 'Change the logo or the recipe’s options; retrying will not help.'
      : 'Replace the logo’s master file (or leave this recipe out); retrying will not help.';
  return 'Retry; if it fails again, copy the details from Help > Show Logs.';
}

/**
 * A job's error without the logo's name in front: the row already names the logo, and a recipe
 * message often starts with it ("acme: …" or "acme (pdf): …").
 */
export function errorWithoutName(message: string, name: string): string {
  if (!name) return message;
  for (const prefix of [`${name}: `, `${name} `]) {
    if (message.startsWith(prefix)) {
      const rest = message.slice(prefix.length).replace(/^\([a-z0-9-]+\):\s*/, '');
      return rest.charAt(0).toUpperCase() + rest.slice(1);
    }
  }
  // 'The master of "acme" is missing' reads 'The master is missing' under acme's row.
  return message.replaceAll(` of "${name}"`, '').replaceAll(`"${name}"`, 'the logo');
}

/** Ends a message with a full stop, so the advice after it reads as the next sentence. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The header line once nothing runs: "118 done, 2 failed: <why>" for what the list holds, the most
 * common reason first. Null when the list is empty.
 */
export function runSummary(jobs: readonly Job[]): string | null {
  if (jobs.length === 0) return null;
  const counts = countStates(jobs);
  const parts = [`${counts.done.toLocaleString()} done`];
  if (counts.failed > 0) parts.push(`${counts.failed.toLocaleString()} failed`);
  if (counts.cancelled > 0) parts.push(`${counts.cancelled.toLocaleString()} cancelled`);
  const line = parts.join(', ');
  if (counts.failed === 0) return `${line}.`;
  const reasons = new Map<string, number>();
  for (const job of jobs) {
    if (job.state !== 'failed') continue;
    const reason = job.errorCode ?? 'INTERNAL';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const [top] = [...reasons].sort((a, b) => b[1] - a[1]);
  const example = jobs.find((job) => job.state === 'failed' && (job.errorCode ?? 'INTERNAL') === top?.[0]);
  const why = REASONS[top?.[0] ?? 'INTERNAL'] ?? example?.errorMessage ?? 'an unexpected error';
  const others = reasons.size > 1 ? ` (and ${reasons.size - 1} other reason${reasons.size > 2 ? 's' : ''})` : '';
  return `${line}: ${why}${others}.`;
}

/** Why, in a designer's words, by error code. */
const REASONS: Readonly<Record<string, string>> = {
  UNSUPPORTED_FORMAT: 'the recipe cannot use that master',
  DECODE_FAILED: 'the master file is damaged',
  INVALID_INPUT: 'the logo or the recipe’s options do not suit the recipe',
  PIXEL_LIMIT: 'the master is too large to process',
  UNSAFE_CONTENT: 'the master contains content Marque refuses',
  TIMEOUT: 'it took too long (retry when the computer is less busy)',
  IO_ERROR: 'a file could not be read or written',
  PROCESSING_FAILED: 'the recipe stopped with an error',
  INTERNAL: 'the recipe stopped with an error',
};
