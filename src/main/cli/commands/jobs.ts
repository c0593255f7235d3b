import { JOB_STATES, jobsQuery } from '../../../shared/contract/jobs.ts';
import type { Command } from '../command.ts';
import { jobReply } from './process.ts';

export const jobsCommand: Command = {
  name: 'jobs',
  usage: 'marque jobs [--state S] [--logo ID] [--limit N] [--clear-finished] [--data-dir D] [--json]',
  summary: `List processing jobs, newest first (states: ${JOB_STATES.join(', ')}); --clear-finished removes done, failed and cancelled ones.`,
  options: {
    state: { type: 'string' },
    logo: { type: 'string' },
    limit: { type: 'string' },
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
    const studio = await context.openStudio();
    if (context.values['clear-finished'] === true) {
      const { removed } = studio.pipeline.clearFinished(parsed.data.logoId);
      if (!context.json) context.log(`${removed} finished jobs removed`);
    }
    const page = studio.pipeline.list(parsed.data);
    if (context.json) {
      context.reply({ total: page.total, jobs: await Promise.all(page.items.map((job) => jobReply(studio, job))) });
      return 0;
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
    context.log(`${page.items.length} of ${page.total} jobs`);
    return 0;
  },
};
