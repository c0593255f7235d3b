import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src/main/core/database/database.ts';
import { QueueLease } from '../../../src/main/core/pipeline/queue-lease.ts';
import { liveInstances } from '../../../src/main/core/pipeline/runners.ts';
import type { Studio } from '../../../src/main/core/studio.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { importLogos, openStudio } from './fixtures/studio.ts';

/** The pid of a process that has exited (its number is free). */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(run.stdout);
}

describe('queue lease (migration 0025)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: Db;
  beforeEach(async () => {
    dir = await tempDir('marque-lease-');
    db = openDatabase(join(dir.path, 'library.sqlite'));
  });
  afterEach(async () => {
    db.close();
    for (const id of ['app-1', 'cli-1']) liveInstances.delete(id);
    await dir.cleanup();
  });

  it('creates a STRICT lease table and an index the CLI finds its earlier job rows through', () => {
    const table = db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'queue_lease'").get();
    expect(table).toEqual({ strict: 1 });
    const plan = (
      db
        .prepare('EXPLAIN QUERY PLAN SELECT id FROM jobs WHERE logo_id = ? AND cache_key = ? ORDER BY seq DESC')
        .all('a', 'b') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/jobs_logo_key/);
  });

  it('one holder at a time; a dead or expired holder is taken over; release frees it at once', () => {
    liveInstances.add('app-1');
    liveInstances.add('cli-1');
    const app = new QueueLease(db, 'app-1', 'app');
    const cli = new QueueLease(db, 'cli-1', 'cli');
    expect(app.tryAcquire()).toBe(true);
    expect(cli.tryAcquire()).toBe(false);
    expect(cli.holder()).toMatchObject({ owner: 'app-1', pid: process.pid, kind: 'app' });
    expect(app.renew()).toBe(true);

    // The holder's process died: its lease goes at once, though not expired.
    db.prepare('UPDATE queue_lease SET pid = ?').run(deadPid());
    expect(cli.holder()).toBeNull();
    expect(cli.tryAcquire()).toBe(true);
    expect(app.renew()).toBe(false);
    expect(app.tryAcquire()).toBe(false);

    // A live pid that stopped renewing (a reused pid after a reboot): gone once expired.
    db.prepare('UPDATE queue_lease SET pid = ?').run(process.ppid);
    expect(app.tryAcquire()).toBe(false);
    expect(app.tryAcquire(Date.now() + 60_000)).toBe(true);

    app.release();
    expect(cli.holder()).toBeNull();
    expect(cli.tryAcquire()).toBe(true);
  });
});

describe('the queue has one dispatcher per library', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const open: Studio[] = [];
  beforeEach(async () => {
    dir = await tempDir('marque-lease-studio-');
  });
  afterEach(async () => {
    for (const studio of open.splice(0)) await studio.close();
    await dir.cleanup();
  });

  it('while a CLI run holds the queue the app waits; when it closes the app takes over and runs its jobs', async () => {
    const dataDir = join(dir.path, 'data');
    const cli = await openStudio(dataDir, { scope: 'own' });
    open.push(cli);
    const [logoId] = await importLogos(cli, dir.path, 1);
    const app = await openStudio(dataDir);
    open.push(app);
    expect(cli.pipeline.queueOwner()).toMatchObject({ self: true });
    expect(app.pipeline.queueOwner()).toMatchObject({ self: false, holder: { kind: 'cli', pid: process.pid } });

    // The CLI runs what it asked for; the app's job is not its to run.
    const mine = cli.pipeline.adoptOrEnqueue({
      logoIds: [logoId as string],
      recipe: 'test-grey',
      options: { size: 40 },
    }).jobs[0];
    expect(await cli.pipeline.waitFor(mine?.id as string)).toMatchObject({ state: 'done' });
    const theirs = app.pipeline.enqueue({ logoIds: [logoId as string], recipe: 'test-grey', options: { size: 64 } })
      .jobs[0];
    expect(app.pipeline.get(theirs?.id as string).state).toBe('queued');

    await cli.close();
    open.shift();
    expect(await app.pipeline.waitFor(theirs?.id as string)).toMatchObject({ state: 'done' });
    expect(app.pipeline.queueOwner()).toMatchObject({ self: true, holder: { kind: 'app' } });

    // Asked again, the CLI's logo x recipe x options keeps its one row.
    const again = await openStudio(dataDir, { scope: 'own' });
    open.push(again);
    const rerun = again.pipeline.adoptOrEnqueue({
      logoIds: [logoId as string],
      recipe: 'test-grey',
      options: { size: 40 },
    }).jobs[0];
    expect(rerun?.id).toBe(mine?.id);
    expect(await again.pipeline.waitFor(rerun?.id as string)).toMatchObject({ state: 'done', fromCache: true });
    expect(app.db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 2 });
  });
});
