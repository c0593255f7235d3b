import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/core/dispatch.ts';
import { OUTPUT_KIND } from '../../../src/main/core/pipeline/pipeline-service.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { importLogos, openStudio, PROCESSORS_V1, PROCESSORS_V2, recordJobEvents, until } from './fixtures/studio.ts';

/** A fresh folder for test-gate's signal files. */
function gateSignals(root: string): Promise<string> {
  return mkdtemp(join(root, 'gate-'));
}

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('pipeline queue on the real worker pool', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio | null = null;

  beforeEach(async () => {
    dir = await tempDir('marque-pipeline-');
  });
  afterEach(async () => {
    await studio?.close();
    studio = null;
    await dir.cleanup();
  });

  it('runs a job in a worker, then serves the identical request from the cache', async () => {
    studio = await openStudio(join(dir.path, 'data'));
    const [logoId] = await importLogos(studio, dir.path, 1, 300);
    const events = recordJobEvents(studio);
    const first = await studio.pipeline.runToCompletion(logoId as string, 'test-grey', { size: 100 });
    expect(first).toMatchObject({ state: 'done', fromCache: false, progress: 100, attempts: 1 });
    expect(first.files.map((f) => f.path)).toEqual(['grey/100.png']);
    const file = await studio.pipeline.outputFile(first.id, 'grey/100.png');
    const meta = await sharp(file.path).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 100, 100]);
    const { data, info } = await sharp(file.path).raw().toBuffer({ resolveWithObject: true });
    // Greyscale really applied: every pixel's channels are equal.
    for (let i = 0; i < data.length; i += info.channels) expect(data[i]).toBe(data[i + Math.min(1, info.channels - 1)]);

    const second = await studio.pipeline.runToCompletion(logoId as string, 'test-grey', { size: 100 });
    expect(second).toMatchObject({ state: 'done', fromCache: true });
    expect(second.id).not.toBe(first.id);
    expect((await studio.pipeline.outputFile(second.id, 'grey/100.png')).path).toBe(file.path);
    // Defaults filled in: {} and the default value are one cache entry, a different size is not.
    const defaults = await studio.pipeline.runToCompletion(logoId as string, 'test-grey', {});
    const explicit = await studio.pipeline.runToCompletion(logoId as string, 'test-grey', { size: 64 });
    expect([defaults.fromCache, explicit.fromCache]).toEqual([false, true]);

    await until(() => events.some((e) => e.jobs.some((j) => j.id === second.id && j.state === 'done')));
    // Events carry each job as it is when they go out (changes within ~80 ms coalesce), so a fast
    // job may skip 'running'; it always ends with 'done' and its files.
    const lastOfFirst = events
      .flatMap((e) => e.jobs)
      .filter((j) => j.id === first.id)
      .at(-1);
    expect(lastOfFirst).toMatchObject({ state: 'done', files: [{ path: 'grey/100.png' }] });
  });

  it('bumping a processor version invalidates only its own outputs and marks them stale', async () => {
    const dataDir = join(dir.path, 'data');
    studio = await openStudio(dataDir);
    const [logoId] = await importLogos(studio, dir.path, 1);
    const grey1 = await studio.pipeline.runToCompletion(logoId as string, 'test-grey', {});
    const invert1 = await studio.pipeline.runToCompletion(logoId as string, 'test-invert', {});
    expect(grey1.facts).toEqual({ version: 1 });
    await studio.close();

    studio = await openStudio(dataDir, { processorModules: [PROCESSORS_V2] });
    const grey2 = await studio.pipeline.runToCompletion(logoId as string, 'test-grey', {});
    const invert2 = await studio.pipeline.runToCompletion(logoId as string, 'test-invert', {});
    expect([grey2.fromCache, grey2.processorVersion, grey2.facts]).toEqual([false, 2, { version: 2 }]);
    expect([invert2.fromCache, (await studio.pipeline.outputFile(invert2.id, 'invert.png')).path]).toEqual([
      true,
      (await studio.pipeline.outputFile(invert1.id, 'invert.png')).path,
    ]);
    const outputs = await studio.pipeline.outputs(logoId as string);
    expect(outputs.every((o) => o.available)).toBe(true);
    const stale = outputs.filter((o) => o.stale);
    expect(stale.map((o) => [o.recipe, o.staleReason, o.jobId])).toEqual([
      ['test-grey', 'processor-changed', grey1.id],
    ]);
    expect(
      outputs
        .filter((o) => !o.stale)
        .map((o) => o.recipe)
        .sort(),
    ).toEqual(['test-grey', 'test-invert']);
  });

  it('cancel stops the running worker and leaves no file behind', async () => {
    studio = await openStudio(join(dir.path, 'data'));
    const [logoId] = await importLogos(studio, dir.path, 1);
    const signals = await gateSignals(dir.path);
    const gate = (tag: string) =>
      studio?.pipeline.enqueue({
        logoIds: [logoId as string],
        recipe: 'test-gate',
        options: { signalDir: signals, tag },
      }).jobs[0]?.id as string;
    // Held in its worker until the test opens the gate: cancel can only land while it runs.
    const id = gate('held');
    await until(() => studio?.pipeline.get(id).progress !== 0 && studio?.pipeline.get(id).state === 'running');
    const cancelled = await studio.pipeline.cancel(id);
    expect(cancelled).toMatchObject({ state: 'cancelled', errorCode: 'CANCELLED', files: [] });
    const row = studio.db.prepare('SELECT cache_key FROM jobs WHERE id = ?').get(id) as { cache_key: string };
    await expect(stat(studio.cache.pathOf(OUTPUT_KIND, row.cache_key))).rejects.toThrow();
    expect(await listTree(join(studio.cache.root, '.pipeline-tmp'))).toEqual([]);
    expect(studio.db.prepare('SELECT count(*) AS n FROM job_outputs').get()).toEqual({ n: 0 });
    // The pool is whole again, and a queued job can be cancelled before it starts.
    const next = await studio.pipeline.runToCompletion(logoId as string, 'test-grey', {});
    expect(next.state).toBe('done');
    const gateA = gate('a');
    const gateB = gate('b');
    expect((await studio.pipeline.cancel(gateB)).state).toBe('cancelled');
    await writeFile(join(signals, 'open'), '');
    expect((await studio.pipeline.waitFor(gateA)).state).toBe('done');
    // Retry runs a cancelled job again to completion.
    expect(studio.pipeline.retry(gateB).state).toMatch(/queued|running/);
    const retried = await studio.pipeline.waitFor(gateB);
    expect(retried).toMatchObject({ state: 'done', attempts: 1 });
    expect(await readFile((await studio.pipeline.outputFile(retried.id, 'gate.txt')).path, 'utf8')).toBe('gate b\n');
  });

  it('a task that overruns its timeout fails and the worker is replaced; a dead worker fails only its job', async () => {
    studio = await openStudio(join(dir.path, 'data'), { taskTimeoutMs: 700 });
    const [logoId] = await importLogos(studio, dir.path, 1);
    // The spin would burn for 60 s; only the 700 ms task timeout can end it (within the test's bound).
    await expect(studio.pipeline.runToCompletion(logoId as string, 'test-spin', {})).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    await expect(studio.pipeline.runToCompletion(logoId as string, 'test-fail', { how: 'exit' })).rejects.toMatchObject(
      {
        code: 'PROCESSING_FAILED',
      },
    );
    await expect(
      studio.pipeline.runToCompletion(logoId as string, 'test-fail', { how: 'coded' }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
    });
    await expect(
      studio.pipeline.runToCompletion(logoId as string, 'test-fail', { how: 'plain' }),
    ).rejects.toMatchObject({
      code: 'PROCESSING_FAILED',
      message: expect.stringContaining('plain failure'),
    });
    await expect(
      studio.pipeline.runToCompletion(logoId as string, 'test-fail', { how: 'bad-path' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const ok = await studio.pipeline.runToCompletion(logoId as string, 'test-grey', {});
    expect(ok.state).toBe('done');
    const failed = studio.pipeline.list({ state: 'failed', offset: 0, limit: 100 });
    expect(failed.total).toBe(5);
    // A failure a second run cannot fix (unsupported input) is not retried.
    const coded = failed.items.find((j) => j.errorCode === 'UNSUPPORTED_FORMAT');
    expect(() => studio?.pipeline.retry(coded?.id as string)).toThrow(/cannot succeed by running again/);
    // Retry of another failed job counts another attempt.
    const plain = failed.items.find((j) => j.errorCode === 'PROCESSING_FAILED');
    studio.pipeline.retry(plain?.id as string);
    expect(await studio.pipeline.waitFor(plain?.id as string)).toMatchObject({ state: 'failed', attempts: 2 });
    expect(await listTree(join(studio.cache.root, '.pipeline-tmp'))).toEqual([]);
  });

  it('runs interactive jobs before queued batch jobs', async () => {
    studio = await openStudio(join(dir.path, 'data'));
    const [logoId] = await importLogos(studio, dir.path, 1);
    const signals = await gateSignals(dir.path);
    const enqueue = (tag: string, priority?: 'interactive') =>
      studio?.pipeline.enqueue({
        logoIds: [logoId as string],
        recipe: 'test-gate',
        options: { signalDir: signals, tag },
        ...(priority ? { priority } : {}),
      }).jobs[0]?.id as string;
    const batch = ['b1', 'b2', 'b3'].map((tag) => enqueue(tag));
    // The first batch job runs, held at its gate; the second waits prefetched in the pool (one
    // thread + one prefetched are claimed at enqueue), so the interactive job must overtake both.
    await until(() => (studio?.pipeline.get(batch[0] as string).progress ?? 0) > 0);
    const interactive = enqueue('i', 'interactive');
    await writeFile(join(signals, 'open'), '');
    const all = await Promise.all([...batch, interactive].map((id) => studio?.pipeline.waitFor(id)));
    expect(all.map((j) => j?.state)).toEqual(['done', 'done', 'done', 'done']);
    // The order the jobs really started in, as each wrote it on starting.
    expect((await readFile(join(signals, 'order'), 'utf8')).trim().split('\n')).toEqual(['b1', 'i', 'b2', 'b3']);
    // Yielding a prefetched job does not count as an attempt.
    expect(all.map((j) => j?.attempts)).toEqual([1, 1, 1, 1]);
  });

  it('validates input, lists, clears finished jobs and serves only recorded files', async () => {
    studio = await openStudio(join(dir.path, 'data'));
    const ids = await importLogos(studio, dir.path, 2);
    expect(() => studio?.pipeline.enqueue({ logoIds: ids, recipe: 'no-such-recipe' })).toThrow(/No recipe named/);
    expect(() => studio?.pipeline.enqueue({ logoIds: ids, recipe: 'test-grey', options: { size: 'big' } })).toThrow(
      /size/,
    );
    expect(() => studio?.pipeline.enqueue({ logoIds: ['missing-logo'], recipe: 'test-grey' })).toThrow(/No logo/);
    const { jobs } = studio.pipeline.enqueue({ logoIds: ids, recipe: 'test-grey', options: { size: 32 } });
    const done = await Promise.all(jobs.map((j) => studio?.pipeline.waitFor(j.id)));
    expect(done.map((j) => j?.state)).toEqual(['done', 'done']);
    const job = done[0] as NonNullable<(typeof done)[0]>;
    for (const bad of ['../result.json', '/etc/passwd', 'grey/../../result.json', 'grey\\32.png', 'grey/64.png', '']) {
      await expect(studio.pipeline.outputFile(job.id, bad)).rejects.toMatchObject({
        code: expect.stringMatching(/INVALID_INPUT|NOT_FOUND/),
      });
    }
    // The same through the media table the HTTP server and the app protocol serve from.
    const media = await studio.media.resolve('output', job.id, 'grey/32.png');
    expect([media.mime, media.attachment, media.filename]).toEqual(['image/png', false, '32.png']);
    for (const bad of ['..%2Fresult.json', 'grey%2F..%2F..%2Fresult.json', '%E0%A4%A', 'grey/%2e%2e/result.json']) {
      await expect(studio.media.resolve('output', job.id, bad)).rejects.toMatchObject({
        code: expect.stringMatching(/INVALID_INPUT|NOT_FOUND/),
      });
    }
    expect(studio.pipeline.list({ logoId: ids[0], offset: 0, limit: 10 }).total).toBe(1);
    expect(studio.pipeline.clearFinished()).toEqual({ removed: 2 });
    expect(studio.pipeline.list({ offset: 0, limit: 10 }).total).toBe(0);
    // Outputs outlive the cleared jobs.
    expect(await studio.pipeline.outputs(ids[0] as string)).toHaveLength(1);
    const file = await studio.pipeline.outputFile(job.id, 'grey/32.png');
    expect((await sharp(file.path).metadata()).width).toBe(32);
    // Evicted by the cache: listed as unavailable, the download names the reason, a new run brings it back.
    studio.cache.clear(0);
    expect((await studio.pipeline.outputs(ids[0] as string)).map((o) => o.available)).toEqual([false]);
    await expect(studio.pipeline.outputFile(job.id, 'grey/32.png')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('evicted'),
    });
    const rerun = await studio.pipeline.runToCompletion(ids[0] as string, 'test-grey', { size: 32 });
    expect(rerun.fromCache).toBe(false);
    expect((await studio.pipeline.outputs(ids[0] as string)).map((o) => o.available)).toEqual([true]);
  });

  it('a worker entry that cannot load fails its jobs instead of leaving them queued forever', async () => {
    const broken = fileURLToPath(new URL('./fixtures/broken-worker.ts', import.meta.url));
    studio = await createStudio({
      dataDir: join(dir.path, 'data'),
      intakeProcesses: 1,
      entries: { pipelineWorker: broken },
      pipeline: { workers: 1 },
    });
    const [logoId] = await importLogos(studio, dir.path, 1);
    for (let i = 0; i < 2; i++) {
      await expect(
        studio.pipeline.runToCompletion(logoId as string, 'thumbnail-png', { size: 20 + i }),
      ).rejects.toMatchObject({
        code: 'PROCESSING_FAILED',
        message: expect.stringContaining('broken on purpose'),
      });
    }
  });

  it('the pool size is a setting: cores-1 by default, changed through the contract, kept for the next start', async () => {
    const dataDir = join(dir.path, 'data');
    const context = { mode: 'desktop', clientAddress: null } as const;
    studio = await createStudio({ dataDir, intakeProcesses: 1, pipeline: { processorModules: [PROCESSORS_V1] } });
    const fallback = Math.max(1, availableParallelism() - 1);
    expect(await dispatch(studio.handlers, 'jobs.poolSettings', {}, context)).toEqual({
      ok: true,
      value: { workers: fallback, defaultWorkers: fallback, maxWorkers: 64 },
    });
    expect(await dispatch(studio.handlers, 'jobs.setWorkers', { workers: 0 }, context)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await dispatch(studio.handlers, 'jobs.setWorkers', { workers: 3 }, context)).toMatchObject({
      ok: true,
      value: { workers: 3 },
    });
    // Three threads now: three jobs that each wait for the other two all get through.
    const [logoId] = await importLogos(studio, dir.path, 1);
    const signalDir = join(dir.path, 'rendezvous');
    await mkdir(signalDir, { recursive: true });
    const ids = ['a', 'b', 'c'].map(
      (tag) =>
        studio?.pipeline.enqueue({
          logoIds: [logoId as string],
          recipe: 'test-rendezvous',
          options: { signalDir, tag, count: 3 },
        }).jobs[0]?.id as string,
    );
    const finished = await Promise.all(ids.map((id) => studio?.pipeline.waitFor(id)));
    expect(finished.map((job) => job?.state)).toEqual(['done', 'done', 'done']);
    await studio.close();
    studio = await createStudio({ dataDir, intakeProcesses: 1 });
    expect(studio.pipeline.poolSettings().workers).toBe(3);
  });

  it('a second studio on the same library (the CLI beside the app) sees, waits for and cancels jobs of the first', async () => {
    const dataDir = join(dir.path, 'data');
    studio = await openStudio(dataDir);
    const [logoId] = await importLogos(studio, dir.path, 1);
    const other = await openStudio(dataDir, { scope: 'own' });
    try {
      const quick = studio.pipeline.enqueue({ logoIds: [logoId as string], recipe: 'test-grey', options: { size: 48 } })
        .jobs[0];
      // The second instance never runs the first one's jobs ('own' scope) but sees them finish.
      expect(await other.pipeline.waitFor(quick?.id as string)).toMatchObject({ state: 'done' });
      const signals = await gateSignals(dir.path);
      const held = studio.pipeline.enqueue({
        logoIds: [logoId as string],
        recipe: 'test-gate',
        options: { signalDir: signals, tag: 'held' },
      }).jobs[0];
      const id = held?.id as string;
      await until(() => other.pipeline.get(id).state === 'running');
      expect(await other.pipeline.cancel(id)).toMatchObject({ state: 'cancelled', errorCode: 'CANCELLED' });
      // Only now may the runner finish: its result arrives after the cancel and is not recorded
      // over it. Its one thread takes the next job only after that result, so once the next job
      // is done the result has come back.
      await writeFile(join(signals, 'open'), '');
      expect(await studio.pipeline.waitFor(id)).toMatchObject({ state: 'cancelled' });
      const next = studio.pipeline.enqueue({ logoIds: [logoId as string], recipe: 'test-grey', options: { size: 50 } })
        .jobs[0];
      expect(await studio.pipeline.waitFor(next?.id as string)).toMatchObject({ state: 'done' });
      expect(studio.pipeline.get(id)).toMatchObject({ state: 'cancelled', files: [] });
    } finally {
      await other.close();
    }
  });

  it('close terminates a busy pool and the job runs again at the next start', async () => {
    const dataDir = join(dir.path, 'data');
    const signalDir = join(dir.path, 'signals');
    await mkdir(signalDir);
    studio = await openStudio(dataDir);
    const [logoId] = await importLogos(studio, dir.path, 1);
    const job = studio.pipeline.enqueue({
      logoIds: [logoId as string],
      recipe: 'test-spin',
      options: { ms: 600_000, signalDir },
    }).jobs[0];
    // The thread is burning and never yields: close can only return by terminating it.
    await until(() => existsSync(join(signalDir, 'spinning')));
    await studio.close();
    const raw = new Database(join(dataDir, 'library.sqlite'), { readonly: true });
    expect(raw.prepare('SELECT state FROM jobs WHERE id = ?').pluck().get(job?.id)).toBe('queued');
    raw.close();
    // Let the next run finish at once, then reopen: the interrupted job runs again, to done.
    await writeFile(join(signalDir, 'stop'), '');
    studio = await openStudio(dataDir);
    expect(await studio.pipeline.waitFor(job?.id as string)).toMatchObject({ state: 'done', attempts: 1 });
  });
});
