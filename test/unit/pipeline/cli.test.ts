import { isAbsolute, join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseOptionPairs, progressLine } from '../../../src/main/cli/commands/process.ts';
import type { Job } from '../../../src/shared/contract/jobs.ts';
import { runMarque } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const marque = (args: readonly string[]) => runMarque(args);

describe('marque process / marque jobs (the real process)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('marque-cli-process-');
  });
  afterEach(() => dir.cleanup());

  it('imports a file, runs a recipe, names outputs by absolute path, then hits the cache by id', async () => {
    const png = join(dir.path, 'Wide Mark.png');
    await sharp({ create: { width: 640, height: 320, channels: 4, background: '#e63946' } })
      .png()
      .toFile(png);
    const dataDir = join(dir.path, 'data');
    const first = marque([
      'process',
      png,
      '--recipe',
      'thumbnail-png',
      '--option',
      'size=200',
      '--option',
      'background=white',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(first.code, first.stderr).toBe(0);
    const reply = JSON.parse(first.stdout);
    expect(reply).toMatchObject({ recipe: 'thumbnail-png', done: 1, failed: 0 });
    const [job] = reply.jobs;
    expect(job).toMatchObject({ state: 'done', fromCache: false, options: { size: 200, background: 'white' } });
    const file = job.files[0].file as string;
    expect(isAbsolute(file)).toBe(true);
    const meta = await sharp(file).metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', 200, 100, false]);

    const again = JSON.parse(
      marque([
        'process',
        job.logoId,
        '--recipe',
        'thumbnail-png',
        '--option',
        'size=200',
        '--option',
        'background=white',
        '--data-dir',
        dataDir,
        '--json',
      ]).stdout,
    );
    // The same logo x recipe x options keeps its one job row: the rerun runs it again, from the cache.
    expect(again.jobs[0]).toMatchObject({ id: job.id, state: 'done', fromCache: true });
    expect(again.jobs[0].files[0].file).toBe(file);

    const jobs = marque(['jobs', '--data-dir', dataDir, '--json']);
    expect(jobs.code).toBe(0);
    const listed = JSON.parse(jobs.stdout);
    expect(listed).toMatchObject({ total: 1, unfinished: 0, queueRunner: null });
    expect(listed.jobs.every((j: { state: string }) => j.state === 'done')).toBe(true);
  });

  it('fails clearly on an unknown recipe or a missing logo', () => {
    const dataDir = join(dir.path, 'data');
    const missing = marque(['process', 'nope-not-here', '--recipe', 'thumbnail-png', '--data-dir', dataDir, '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error).toMatchObject({ code: 'NOT_FOUND' });
    const usage = marque(['process', '--data-dir', dataDir]);
    expect(usage.code).toBe(2);
  });
});

describe('process command helpers', () => {
  it('parses --option pairs: JSON values, plain strings, nested keys; refuses prototype keys', () => {
    expect(
      parseOptionPairs(['size=256', 'background=white', 'trim=true', 'sizes=[16,32]', 'color=#ff0000', 'margin.mm=5']),
    ).toEqual({
      size: 256,
      background: 'white',
      trim: true,
      sizes: [16, 32],
      color: '#ff0000',
      margin: { mm: 5 },
    });
    expect(() => parseOptionPairs(['novalue'])).toThrow(/key=value/);
    expect(() => parseOptionPairs(['__proto__.polluted=1'])).toThrow(/refused/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('draws a bar from the jobs as they are', () => {
    const job = (state: Job['state'], progress: number) => ({ state, progress }) as Job;
    expect(progressLine([job('done', 100), job('running', 50), job('queued', 0), job('failed', 0)], 8)).toBe(
      '[#####...] 2/4 63%',
    );
  });
});
