import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Studio } from '../../../src/main/core/studio.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { importLogos, openStudio, recordJobEvents, until } from './fixtures/studio.ts';

const CHILD = fileURLToPath(new URL('./fixtures/batch-child.ts', import.meta.url));

interface Snapshot {
  id: string;
  state: string;
  attempts: number;
  finished_at: string | null;
}

describe('crash recovery', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio | null = null;

  beforeEach(async () => {
    dir = await tempDir('marque-crash-');
  });
  afterEach(async () => {
    await studio?.close();
    studio = null;
    await dir.cleanup();
  });

  it('a SIGKILL in the middle of a 50-job batch: after restart every job is done exactly once, outputs valid, DB intact', async () => {
    const dataDir = join(dir.path, 'data');
    studio = await openStudio(dataDir);
    const logoIds = await importLogos(studio, dir.path, 10, 160);
    await studio.close();
    studio = null;

    // The child queues 50 jobs and runs them on 2 workers; kill it once a handful are done.
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', CHILD, dataDir, JSON.stringify(logoIds)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let doneLines = 0;
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the child never finished 8 jobs')), 60_000);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        doneLines += chunk.split('\n').filter((line) => line.startsWith('done ')).length;
        if (doneLines >= 8) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // What the dead process left: some done, some running (interrupted), the rest queued.
    const raw = new Database(join(dataDir, 'library.sqlite'), { readonly: true });
    const before = raw.prepare('SELECT id, state, attempts, finished_at FROM jobs').all() as Snapshot[];
    raw.close();
    expect(before).toHaveLength(50);
    const doneBefore = new Map(before.filter((j) => j.state === 'done').map((j) => [j.id, j]));
    expect(doneBefore.size).toBeGreaterThanOrEqual(8);
    expect(doneBefore.size).toBeLessThan(50);
    expect(before.some((j) => j.state === 'running')).toBe(true);

    studio = await openStudio(dataDir, { workers: 2 });
    const events = recordJobEvents(studio);
    const finals = await Promise.all(before.map((j) => studio?.pipeline.waitFor(j.id)));
    expect(finals.map((j) => j?.state)).toEqual(before.map(() => 'done'));
    // Events coalesce and go out a moment after the state: wait for the last job's 'done' event.
    const rerun = before.filter((j) => j.state !== 'done').map((j) => j.id);
    await until(() => rerun.every((id) => events.some((e) => e.jobs.some((j) => j.id === id && j.state === 'done'))));

    // Done exactly once: jobs finished before the kill were not run again, the others finished now, once.
    const doneAfter = new Map<string, number>();
    for (const change of events)
      for (const job of change.jobs) if (job.state === 'done') doneAfter.set(job.id, (doneAfter.get(job.id) ?? 0) + 1);
    for (const job of finals) {
      const earlier = doneBefore.get(job?.id as string);
      if (earlier) {
        expect(job?.finishedAt).toBe(earlier.finished_at);
        expect(job?.attempts).toBe(earlier.attempts);
        expect(doneAfter.has(job?.id as string)).toBe(false);
      } else {
        expect(doneAfter.get(job?.id as string)).toBe(1);
        expect(job?.attempts).toBeLessThanOrEqual(2);
      }
    }
    const rows = studio.db.prepare(`SELECT state, count(*) AS n FROM jobs GROUP BY state`).all();
    expect(rows).toEqual([{ state: 'done', n: 50 }]);
    expect(studio.db.prepare('SELECT count(*) AS n FROM job_outputs').get()).toEqual({ n: 50 });

    // Every output is a real greyscale PNG of the requested size.
    for (const job of finals) {
      if (!job) throw new Error('missing job');
      const size = (job.options as { size: number }).size;
      const file = await studio.pipeline.outputFile(job.id, `grey/${size}.png`);
      const meta = await sharp(file.path).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size]);
    }
    // Nothing half-written is left, and the database is intact.
    expect(await readdir(join(studio.cache.root, '.pipeline-tmp'))).toEqual([studio.pipeline.instanceId]);
    expect(await readdir(join(studio.cache.root, '.pipeline-tmp', studio.pipeline.instanceId))).toEqual([]);
    expect(studio.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(studio.db.pragma('foreign_key_check')).toEqual([]);
  }, 120_000);

  it('a job left running by a runner whose pid now belongs to another live process is recovered', async () => {
    const dataDir = join(dir.path, 'data');
    studio = await openStudio(dataDir);
    const [logoId] = await importLogos(studio, dir.path, 1);
    const job = studio.pipeline.enqueue({ logoIds: [logoId as string], recipe: 'test-slow', options: { ms: 100 } })
      .jobs[0];
    await studio.pipeline.waitFor(job?.id as string);
    await studio.close();
    // As after a reboot: the row says 'running' under a runner that is gone, and its pid (here the
    // test runner's parent) is alive again as some other process. A stale heartbeat row too.
    const raw = new Database(join(dataDir, 'library.sqlite'));
    raw
      .prepare(
        `UPDATE jobs SET state = 'running', runner = 'ghost-before-reboot', runner_pid = ?, attempts = 1 WHERE id = ?`,
      )
      .run(process.ppid, job?.id);
    raw
      .prepare(
        `INSERT INTO job_runners (runner, pid, started_at, heartbeat_at) VALUES ('ghost-before-reboot', ?, 'then', ?)`,
      )
      .run(process.ppid, Date.now() - 3_600_000);
    raw.close();
    studio = await openStudio(dataDir);
    expect(await studio.pipeline.waitFor(job?.id as string)).toMatchObject({ state: 'done', attempts: 2 });
    expect(
      studio.db.prepare(`SELECT count(*) AS n FROM job_runners WHERE runner = 'ghost-before-reboot'`).get(),
    ).toEqual({ n: 0 });
  });
});
