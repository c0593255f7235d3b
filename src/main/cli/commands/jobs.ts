import { JOB_STATES, type Job, type JobsChange, jobsQuery } from '../../../shared/contract/jobs.ts';
import type { Studio } from '../../core/studio.ts';
import type { Command, CommandContext } from '../command.ts';
import { jobReply, noteQueueOwner, progressLine } from './process.ts';

/** Runs every queued job (and those a dead process left running) until each is done, failed or cancelled. */
async function drain(studio: Studio, logoId: string | undefined, context: CommandContext): Promise<Job[]> {
  const left = studio.pipeline.adoptQueued(logoId);
  if (left.length === 0) return [];
  noteQueueOwner(studio, (line) => process.stderr.write(`${line}\n`));
  const current = new Map(left.map((job) => [job.id, job]));
  const tty = process.stderr.isTTY === true && !context.json;
  const unsubscribe = studio.events.subscribe((name, payload) => {
    if (name !== 'jobs.changed') return;
    for (const job of (payload as JobsChange).jobs) if (current.has(job.id)) current.set(job.id, job);
    if (tty) process.stderr.write(`\r\x1b[2K${progressLine([...current.values()])}`);
  });
  try {
    return await Promise.all(left.map((job) => studio.pipeline.waitFor(job.id)));
  } finally {
    unsubscribe();
    if (tty) process.stderr.write('\r\x1b[2K');
  }
}

/** Cancels every job not finished yet (of one logo, or all); a running one stops its worker. */
async function cancelUnfinished(studio: Studio, logoId: string | undefined): Promise<Job[]> {
  const cancelled: Job[] = [];
  for (const job of studio.pipeline.unfinished(logoId)) {
    const after = await studio.pipeline.cancel(job.id);
    if (after.state === 'cancelled') cancelled.push(after);
  }
  return cancelled;
}

export const jobsCommand: Command = {
  name: 'jobs',
  usage:
    'marque jobs [--state S] [--logo ID] [--limit N] [--drain | --cancel] [--clear-finished] [--data-dir D] [--json]',
  summary: `List processing jobs, newest first (states: ${JOB_STATES.join(', ')}), and who runs the queue; --drain runs what is left (queued, or left running by a killed process) and waits, --cancel cancels it; --clear-finished removes done, failed and cancelled ones.`,
  options: {
    state: { type: 'string' },
    logo: { type: 'string' },
    limit: { type: 'string' },
    drain: { type: 'boolean', default: false },
    cancel: { type: 'boolean', default: false },
    'clear-finished': { type: 'boolean', default: false },
  },
  async run(context) {
    const parsed = jobsQuery.safeParse({
      state: context.values.state,
      logoId: context.values.logo,
      limit: context.values.limit ? Number(context.values.limit) : 100,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      context.log(`marque jobs: ${issue?.path.join('.') || 'input'}: ${issue?.message}`);
      return 2;
    }
    if (context.values.drain === true && context.values.cancel === true) {
      context.log('marque jobs: give --drain or --cancel, not both');
      return 2;
    }
    const studio = await context.openStudio();
    const logoId = parsed.data.logoId;
    let drained: Job[] | null = null;
    let cancelled: Job[] | null = null;
    if (context.values.drain === true) {
      drained = await drain(studio, logoId, context);
      const failed = drained.filter((job) => job.state !== 'done').length;
      if (!context.json) context.log(`drained: ${drained.length - failed} done, ${failed} failed or cancelled`);
    } else if (context.values.cancel === true) {
      cancelled = await cancelUnfinished(studio, logoId);
      if (!context.json) context.log(`${cancelled.length} unfinished jobs cancelled`);
    }
    if (context.values['clear-finished'] === true) {
      const { removed } = studio.pipeline.clearFinished(logoId);
      if (!context.json) context.log(`${removed} finished jobs removed`);
    }
    const page = studio.pipeline.list(parsed.data);
    const left = studio.pipeline.unfinished(logoId).length;
    const { holder } = studio.pipeline.queueOwner();
    // Our own lease ends with this command; only another process's is worth naming.
    const runner = holder && holder.pid !== process.pid ? { kind: holder.kind, pid: holder.pid } : null;
    if (context.json) {
      context.reply({
        total: page.total,
        unfinished: left,
        queueRunner: runner,
        ...(drained ? { drained: drained.map((job) => ({ id: job.id, state: job.state })) } : {}),
        ...(cancelled ? { cancelled: cancelled.map((job) => job.id) } : {}),
        jobs: await Promise.all(page.items.map((job) => jobReply(studio, job))),
      });
      return drained?.some((job) => job.state !== 'done') ? 1 : 0;
    }
    for (const job of page.items) {
      const detail =
        job.state === 'failed' || job.state === 'cancelled'
          ? `  ${job.errorCode}: ${job.errorMessage}`
          : job.state === 'running'
            ? `  ${job.progress}%`
            : '';
      context.log(
        `${job.id}  ${job.state.padEnd(9)}  ${job.recipe.padEnd(14)}  ${job.logoId}  ${job.createdAt}${detail}`,
      );
    }
    context.log(`${page.items.length} of ${page.total} jobs; ${left} not finished`);
    if (runner)
      context.log(
        `The queue is run by ${runner.kind === 'app' ? 'the Marque app' : 'a marque command'} (process ${runner.pid})`,
      );
    else if (left > 0) context.log('Nothing runs them now: marque jobs --drain runs them, --cancel cancels them');
    return drained?.some((job) => job.state !== 'done') ? 1 : 0;
  },
};
