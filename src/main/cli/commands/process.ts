import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Job, JobsChange } from '../../../shared/contract/jobs.ts';
import { MarqueError } from '../../../shared/errors.ts';
import { unlessMissing } from '../../core/fs-missing.ts';
import type { Studio } from '../../core/studio.ts';
import type { Command } from '../command.ts';

/** `--option k=v` pairs as recipe options: values are JSON when they parse (numbers, booleans, arrays), else strings; `a.b=v` nests. */
export function parseOptionPairs(pairs: readonly string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new MarqueError('INVALID_INPUT', `--option "${pair}" is not key=value`);
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // A plain word stays a string.
    }
    const path = pair.slice(0, eq).split('.');
    let target = options;
    for (const key of path.slice(0, -1)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype')
        throw new MarqueError('INVALID_INPUT', `--option key ${key} refused`);
      const next = target[key];
      if (!next || typeof next !== 'object' || Array.isArray(next)) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    const last = path.at(-1) as string;
    if (last === '__proto__' || last === 'constructor' || last === 'prototype')
      throw new MarqueError('INVALID_INPUT', `--option key ${last} refused`);
    target[last] = value;
  }
  return options;
}

/** Logo ids for the positionals: a known id is used as is, an existing file is imported first. */
async function resolveLogos(studio: Studio, items: readonly string[], log: (line: string) => void): Promise<string[]> {
  const ids: string[] = [];
  for (const item of items) {
    try {
      ids.push(studio.library.get(item).id);
      continue;
    } catch (error) {
      // Not an id: maybe a file. Anything else (a busy library) is the command's failure.
      if (!(error instanceof MarqueError && error.code === 'NOT_FOUND')) throw error;
    }
    const info = await stat(resolve(item)).catch(unlessMissing(null));
    if (!info?.isFile()) throw new MarqueError('NOT_FOUND', `${item}: neither a logo id in the library nor a file`);
    const report = await studio.library.importPaths([resolve(item)]);
    const outcome = report.outcomes[0];
    if (!outcome || outcome.status === 'failed')
      throw new MarqueError(outcome?.code ?? 'INTERNAL', outcome?.message ?? `${item}: import failed`);
    log(`${outcome.status === 'imported' ? 'imported' : 'already in the library'}: ${item} as ${outcome.logo.id}`);
    ids.push(outcome.logo.id);
  }
  return ids;
}

/** Says who runs the jobs when another process (the app, `marque serve`, another CLI run) holds the queue. */
export function noteQueueOwner(studio: Studio, log: (line: string) => void): void {
  const { self, holder } = studio.pipeline.queueOwner();
  if (self || !holder) return;
  const who = holder.kind === 'app' ? 'the Marque app (or marque serve)' : 'another marque command';
  log(`${who}, process ${holder.pid}, runs the queue of this library; waiting for it to run these jobs`);
}

/** A one-line progress bar for a set of jobs. */
export function progressLine(jobs: readonly Job[], width = 24): string {
  const finished = jobs.filter((j) => j.state === 'done' || j.state === 'failed' || j.state === 'cancelled').length;
  const sum = jobs.reduce((total, j) => total + (j.state === 'running' || j.state === 'queued' ? j.progress : 100), 0);
  const ratio = jobs.length ? sum / (jobs.length * 100) : 1;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${finished}/${jobs.length} ${Math.round(ratio * 100)}%`;
}

/** A job for --json: every output file named by absolute path. */
export async function jobReply(studio: Studio, job: Job) {
  const files = await Promise.all(
    job.files.map(async (file) => ({
      path: file.path,
      file:
        job.state === 'done'
          ? await studio.pipeline.outputFile(job.id, file.path).then(
              (f) => f.path,
              () => null,
            )
          : null,
      mime: file.mime,
      byteSize: file.byteSize,
    })),
  );
  return {
    id: job.id,
    logoId: job.logoId,
    recipe: job.recipe,
    options: job.options,
    state: job.state,
    fromCache: job.fromCache,
    errorCode: job.errorCode,
    errorMessage: job.errorMessage,
    files,
    facts: job.facts,
  };
}

export const processCommand: Command = {
  name: 'process',
  usage: 'marque process <logo id|file…> --recipe R [--option k=v]… [--data-dir D] [--json]',
  summary:
    'Run a recipe (trace, trace-color, remove-bg, palette, pdf, favicon, …) on logos and wait; files are imported first.',
  options: { recipe: { type: 'string' }, option: { type: 'string', multiple: true } },
  async run(context) {
    const recipe = context.values.recipe as string | undefined;
    if (!recipe || context.positionals.length === 0) {
      context.log('marque process: give logo ids or files and --recipe R');
      return 2;
    }
    const options = parseOptionPairs((context.values.option as string[] | undefined) ?? []);
    const studio = await context.openStudio();
    const logoIds = await resolveLogos(studio, context.positionals, (line) => process.stderr.write(`${line}\n`));
    // A rerun (after a crash or a kill) picks up the jobs it left instead of queuing them again.
    const { jobs } = studio.pipeline.adoptOrEnqueue({ logoIds, recipe, options, priority: 'interactive' });
    noteQueueOwner(studio, (line) => process.stderr.write(`${line}\n`));
    const current = new Map(jobs.map((job) => [job.id, job]));
    const tty = process.stderr.isTTY === true;
    const draw = () =>
      process.stderr.write(
        // A pty may report 0 columns: fall back to 80, and never cut the escape codes.
        `\r\x1b[2K${`${recipe} ${progressLine([...current.values()])}`.slice(0, Math.max(20, (process.stderr.columns || 80) - 1))}`,
      );
    const unsubscribe = studio.events.subscribe((name, payload) => {
      if (name !== 'jobs.changed') return;
      for (const job of (payload as JobsChange).jobs) if (current.has(job.id)) current.set(job.id, job);
      if (tty) draw();
    });
    if (tty) draw();
    let finals: Job[];
    try {
      finals = await Promise.all(jobs.map((job) => studio.pipeline.waitFor(job.id)));
    } finally {
      unsubscribe();
      if (tty) process.stderr.write('\r\x1b[2K');
    }
    const failed = finals.filter((job) => job.state !== 'done');
    if (context.json) {
      context.reply({
        recipe,
        done: finals.length - failed.length,
        failed: failed.length,
        jobs: await Promise.all(finals.map((job) => jobReply(studio, job))),
      });
    } else {
      for (const job of finals) {
        const logo = studio.library.get(job.logoId);
        if (job.state !== 'done') {
          context.log(`${job.state.padEnd(9)} ${logo.name}: ${job.errorCode} ${job.errorMessage}`);
          continue;
        }
        context.log(`done      ${logo.name}${job.fromCache ? ' (from cache)' : ''}`);
        for (const file of job.files) context.log(`  ${(await studio.pipeline.outputFile(job.id, file.path)).path}`);
      }
    }
    return failed.length > 0 ? 1 : 0;
  },
};
