import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/main/core/studio.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { CLI_ENTRY } from '../../helpers/node24.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

interface Counts {
  rows: number;
  queued: number;
  running: number;
  done: number;
  /** logo x recipe x options with more than one job row. */
  duplicates: number;
  /** Jobs running in the given process (not rows a dead run left 'running'). */
  runningHere: number;
}

/** What the killed (or finished) process left in the library, read without touching it. */
function counts(dataDir: string, pid = -1): Counts | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(join(dataDir, 'library.sqlite'), { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 2000');
    const byState = db.prepare('SELECT state, count(*) AS n FROM jobs GROUP BY state').all() as {
      state: string;
      n: number;
    }[];
    const of = (state: string) => byState.find((r) => r.state === state)?.n ?? 0;
    const duplicates = (
      db
        .prepare(
          'SELECT count(*) AS n FROM (SELECT logo_id, recipe, options FROM jobs GROUP BY logo_id, recipe, options HAVING count(*) > 1)',
        )
        .get() as { n: number }
    ).n;
    const runningHere = (
      db.prepare(`SELECT count(*) AS n FROM jobs WHERE state = 'running' AND runner_pid = ?`).get(pid) as { n: number }
    ).n;
    return {
      runningHere,
      rows: byState.reduce((sum, r) => sum + r.n, 0),
      queued: of('queued'),
      running: of('running'),
      done: of('done'),
      duplicates,
    };
  } catch {
    // Not created yet, or the schema is still being migrated.
    return null;
  } finally {
    db?.close();
  }
}

describe('SIGKILL of marque process, then the same command again', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let dataDir: string;
  let logoIds: string[];

  beforeAll(async () => {
    dir = await tempDir('marque-cli-crash-');
    dataDir = join(dir.path, 'data');
    const corpus = await writeCorpus(join(dir.path, 'corpus'), { svgs: 16, offset: 120 });
    const studio = await createStudio({ dataDir, intakeProcesses: 1 });
    const report = await studio.library.importPaths(corpus.svgs);
    logoIds = report.outcomes.flatMap((o) => (o.status === 'imported' ? [o.logo.id] : []));
    await studio.close();
  }, 120_000);
  afterAll(() => dir?.cleanup());

  let args = (): string[] => [
    'process',
    ...logoIds,
    '--recipe',
    'trace-color',
    '--option',
    'maxColors=6',
    '--data-dir',
    dataDir,
    '--json',
  ];

  /** Starts the command and SIGKILLs it once `when` holds for the jobs in the library; returns what it left. */
  async function killWhen(when: (c: Counts) => boolean, label: string): Promise<Counts> {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', CLI_ENTRY, ...args()], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.resume();
    let exited = false;
    const exit = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => {
        exited = true;
        resolve(signal);
      }),
    );
    const end = Date.now() + 90_000;
    for (;;) {
      const now = counts(dataDir, child.pid);
      if (now && when(now)) break;
      if (exited) throw new Error(`${label}: the command ended before the kill moment; ${stderr.slice(-1500)}`);
      if (Date.now() > end) throw new Error(`${label}: kill moment not reached; ${JSON.stringify(now)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    expect(await exit, label).toBe('SIGKILL');
    return counts(dataDir) as Counts;
  }

  it('three kills (jobs queued, a job running, some finished): the rerun finishes every job with one row each', async () => {
    const total = logoIds.length;
    expect(total).toBeGreaterThanOrEqual(12);

    // 1. As soon as the jobs are rows: most are still queued.
    const first = await killWhen((c) => c.rows >= total, 'queued');
    expect(first).toMatchObject({ rows: total, duplicates: 0 });
    expect(first.done).toBeLessThan(total);

    // 2. The rerun adopts them; killed while a job runs (before half are done).
    const second = await killWhen((c) => c.runningHere > 0 && c.done < total / 2, 'running');
    expect(second).toMatchObject({ rows: total, duplicates: 0 });
    expect(second.running).toBeGreaterThan(0);

    // 3. Killed once some more have finished, with work still left.
    const doneBefore = second.done;
    const third = await killWhen((c) => c.done >= doneBefore + 2 && c.done < total, 'finished');
    expect(third).toMatchObject({ rows: total, duplicates: 0 });
    expect(third.done).toBeGreaterThan(doneBefore);
    expect(third.queued + third.running).toBeGreaterThan(0);

    // The same command again, to the end: every job done, one row per logo x recipe x options.
    const last = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', CLI_ENTRY, ...args()], {
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(last.status, last.stderr).toBe(0);
    const reply = JSON.parse(last.stdout) as { done: number; failed: number; jobs: { state: string; id: string }[] };
    expect(reply).toMatchObject({ done: total, failed: 0 });
    expect(new Set(reply.jobs.map((j) => j.id)).size).toBe(total);
    expect(counts(dataDir)).toEqual({ rows: total, queued: 0, running: 0, done: total, duplicates: 0, runningHere: 0 });

    // `marque jobs` agrees: nothing left, and no process holds the queue any more.
    const listed = spawnSync(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', CLI_ENTRY, 'jobs', '--data-dir', dataDir, '--json'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ total, unfinished: 0, queueRunner: null });
  }, 400_000);

  it('marque jobs shows what a killed run left, --drain runs it and --cancel cancels it', async () => {
    const marque = (rest: readonly string[]) => {
      const run = spawnSync(
        process.execPath,
        ['--disable-warning=ExperimentalWarning', CLI_ENTRY, ...rest, '--data-dir', dataDir, '--json'],
        { encoding: 'utf8', timeout: 180_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout);
    };
    // A different recipe, killed as soon as its jobs are rows.
    const before = counts(dataDir) as Counts;
    const total = logoIds.length;
    args = () => [
      'process',
      ...logoIds,
      '--recipe',
      'trace-color',
      '--option',
      'maxColors=5',
      '--data-dir',
      dataDir,
      '--json',
    ];
    const killed = await killWhen((c) => c.rows >= before.rows + total, 'drain');
    const left = killed.rows - killed.done;
    expect(left).toBeGreaterThan(0);
    expect(marque(['jobs'])).toMatchObject({ unfinished: left, queueRunner: null });

    const drained = marque(['jobs', '--drain']);
    expect(drained.drained).toHaveLength(left);
    expect(drained.drained.every((j: { state: string }) => j.state === 'done')).toBe(true);
    expect(drained.unfinished).toBe(0);
    expect(counts(dataDir)).toMatchObject({ rows: before.rows + total, done: before.rows + total, duplicates: 0 });

    // Once more with another recipe, and cancel what is left instead.
    args = () => [
      'process',
      ...logoIds,
      '--recipe',
      'trace-color',
      '--option',
      'maxColors=3',
      '--data-dir',
      dataDir,
      '--json',
    ];
    const again = await killWhen((c) => c.rows >= before.rows + 2 * total, 'cancel');
    const unfinished = again.rows - again.done;
    expect(unfinished).toBeGreaterThan(0);
    const cancelled = marque(['jobs', '--cancel']);
    expect(cancelled.cancelled).toHaveLength(unfinished);
    expect(cancelled.unfinished).toBe(0);
    expect(counts(dataDir)).toMatchObject({ queued: 0, running: 0, duplicates: 0 });
  }, 400_000);
});
