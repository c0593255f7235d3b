import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../src/main/core/database/migrations/index.ts';
import { dispatch } from '../../../src/main/core/dispatch.ts';
import type { Studio } from '../../../src/main/core/studio.ts';
import type { EnqueueReply, Job } from '../../../src/shared/contract/jobs.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { importLogos, openStudio } from './fixtures/studio.ts';

const CONTEXT = { mode: 'desktop', clientAddress: null } as const;

describe('job batches: one request, one batch; retry all failed retries only what can succeed', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio | null = null;

  beforeEach(async () => {
    dir = await tempDir('marque-batches-');
  });
  afterEach(async () => {
    await studio?.close();
    studio = null;
    await dir.cleanup();
  });

  it('migration 30 gives old jobs one batch per insert and indexes batch x state', () => {
    const db = new Database(join(dir.path, 'm30.sqlite'));
    // Jobs of logos that are not there: only the jobs table matters here.
    db.pragma('foreign_keys = OFF');
    for (const m of migrations.filter((m) => m.version < 30)) db.transaction(() => m.up(db))();
    const insert =
      db.prepare(`INSERT INTO jobs (id, logo_id, master_hash, recipe, options, processor_version, cache_key, input, priority, state, owner, created_at, updated_at)
      VALUES (?, 'logo000001', 'h', 'r', '{}', 1, ?, '{}', 1, 'done', 'o', ?, ?)`);
    insert.run('job0001', 'k1', '2026-01-01T00:00:00.000Z', 't');
    insert.run('job0002', 'k2', '2026-01-01T00:00:00.000Z', 't');
    insert.run('job0003', 'k3', '2026-01-02T00:00:00.000Z', 't');
    const m30 = migrations.find((m) => m.version === 30);
    db.transaction(() => m30?.up(db))();
    const batches = db.prepare('SELECT id, batch_id FROM jobs ORDER BY id').all() as { batch_id: string }[];
    expect(batches[0]?.batch_id).toBe(batches[1]?.batch_id);
    expect(batches[2]?.batch_id).not.toBe(batches[0]?.batch_id);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM jobs WHERE state = 'failed' AND batch_id = 'x'").all();
    expect(JSON.stringify(plan)).toMatch(/INDEX jobs_batch/);
    db.close();
  });

  it('groups each request and joins a named batch; retries only the retryable failures', async () => {
    studio = await openStudio(join(dir.path, 'data'));
    const logoIds = await importLogos(studio, dir.path, 2);
    const handlers = studio.handlers;
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const result = await dispatch(handlers, name, input, CONTEXT);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as T;
    };
    const first = await call<EnqueueReply>('jobs.enqueue', { logoIds, recipe: 'test-grey', options: {} });
    const batch = first.jobs[0]?.batchId as string;
    expect(first.jobs.map((j) => j.batchId)).toEqual([batch, batch]);
    // A second request naming the batch joins it (the Export screen queues one request per recipe).
    const joined = await call<EnqueueReply>('jobs.enqueue', { logoIds, recipe: 'test-invert', batchId: batch });
    expect(joined.jobs.every((j) => j.batchId === batch)).toBe(true);
    const permanent = await call<EnqueueReply>('jobs.enqueue', {
      logoIds: [logoIds[0] as string],
      recipe: 'test-fail',
    });
    const transient = await call<EnqueueReply>('jobs.enqueue', {
      logoIds,
      recipe: 'test-fail',
      options: { how: 'plain' },
    });
    expect(permanent.jobs[0]?.batchId).not.toBe(batch);
    const failedIds = [...permanent.jobs, ...transient.jobs].map((j) => j.id);
    for (const id of failedIds) expect((await studio.pipeline.waitFor(id)).state).toBe('failed');

    // Only the plain (retryable) failures of the named batch go back; the coded one stays failed.
    const other = transient.jobs[0]?.batchId as string;
    expect(await call('jobs.retryFailed', { batchId: batch })).toEqual({ retried: 0 });
    expect(await call('jobs.retryFailed', { batchId: other })).toEqual({ retried: 2 });
    for (const job of transient.jobs) expect((await studio.pipeline.waitFor(job.id)).attempts).toBe(2);
    expect(await call('jobs.retryFailed', {})).toEqual({ retried: 2 });
    expect((await call<Job>('jobs.get', { id: permanent.jobs[0]?.id as string })).attempts).toBe(1);
  });
});
