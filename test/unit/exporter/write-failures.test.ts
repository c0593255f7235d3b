import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecipeRunner } from '../../../src/main/core/exporter/export-service.ts';
import { planExport } from '../../../src/main/core/exporter/plan.ts';
import { writePlan } from '../../../src/main/core/exporter/write-export.ts';
import { copyFileAtomic, TargetExistsError } from '../../../src/main/core/files/atomic-write.ts';
import { exportRequest } from '../../../src/shared/contract/exports.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { exportService, fileRunner, listTree, logo } from './fixtures.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir('marque-export-fail-');
});
afterEach(() => tmp.cleanup());

/** Every temp file of ours anywhere below `root`. */
async function leftovers(root: string): Promise<string[]> {
  const all = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  return all.filter((p) => p.includes('.marque-') || p.endsWith('.tmp'));
}

const noProgress = { progress: () => {} };

describe('atomic copy', () => {
  it('removes its temp file when the final name cannot be created (too long, even for root)', async () => {
    const source = join(tmp.path, 'source.bin');
    await writeFile(source, Buffer.alloc(100_000, 7));
    const dest = join(tmp.path, 'out');
    await mkdir(dest);
    for (const overwrite of [true, false]) {
      await expect(copyFileAtomic(source, join(dest, `${'x'.repeat(300)}.png`), overwrite)).rejects.toMatchObject({
        code: 'ENAMETOOLONG',
      });
      expect(await readdir(dest)).toEqual([]);
    }
  });

  it('removes its temp file when the source fails mid-copy', async () => {
    const dest = join(tmp.path, 'out');
    await mkdir(dest);
    await expect(copyFileAtomic(tmp.path, join(dest, 'a.png'), false)).rejects.toMatchObject({ code: 'EISDIR' });
    expect(await readdir(dest)).toEqual([]);
  });

  it('never clobbers a name taken after planning', async () => {
    const source = join(tmp.path, 'source.bin');
    await writeFile(source, 'ours');
    const target = join(tmp.path, 'taken.png');
    await writeFile(target, 'theirs');
    await expect(copyFileAtomic(source, target, false)).rejects.toBeInstanceOf(TargetExistsError);
    expect(await readFile(target, 'utf8')).toBe('theirs');
    expect(await readdir(tmp.path)).toEqual(['source.bin', 'taken.png']);
  });
});

describe('an export that fails part-way', () => {
  it('names the file, leaves no temp file and removes the folders it emptied', async () => {
    const cache = join(tmp.path, 'cache');
    const good = fileRunner(cache);
    const runner: RecipeRunner = {
      async produce(target, recipe, options) {
        const files = await good.produce(target, recipe, options);
        // One source is a folder: reading it fails after the temp file was opened.
        return target.name === 'Broken' ? files.map((f) => ({ ...f, source: cache })) : files;
      },
    };
    const { service } = exportService(
      [logo('broken01', 'Broken'), logo('fine0001', 'Fine')],
      runner,
      join(tmp.path, 'dl'),
    );
    const dest = join(tmp.path, 'out');
    const summary = await service.run(
      exportRequest.parse({ logoIds: ['broken01', 'fine0001'], recipes: [{ recipe: 'beta' }], destination: dest }),
    );
    expect(summary.failures.map((f) => [f.logoName, f.file, f.code])).toEqual([
      ['Broken', 'favicon.ico', 'EISDIR'],
      ['Broken', 'site.webmanifest', 'EISDIR'],
    ]);
    expect(summary.failures[0]?.message).toContain('Broken/beta/favicon.ico');
    expect(await leftovers(dest)).toEqual([]);
    expect(await listTree(dest)).toEqual(['Fine/beta/favicon.ico', 'Fine/beta/site.webmanifest', 'manifest.json']);
    expect((await readdir(dest)).sort()).toEqual(['Fine', 'manifest.json']);
  });

  it('fails cleanly when the destination lies under a file', async () => {
    await writeFile(join(tmp.path, 'afile'), 'x');
    const { service } = exportService(
      [logo('acme0001', 'Acme')],
      fileRunner(join(tmp.path, 'cache')),
      join(tmp.path, 'dl'),
    );
    const destination = join(tmp.path, 'afile', 'out');
    await expect(
      service.run(exportRequest.parse({ logoIds: ['acme0001'], recipes: [{ recipe: 'beta' }], destination })),
    ).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringContaining('(ENOTDIR)'),
    });
    expect(await leftovers(tmp.path)).toEqual([]);
  });

  it('removes the written temp file when the rename into place fails', async () => {
    const runner = fileRunner(join(tmp.path, 'cache'));
    const files = await runner.produce(logo('acme0001', 'Acme'), 'beta', {});
    const dest = join(tmp.path, 'out');
    const plan = await planExport({
      destination: dest,
      template: '{file}',
      conflict: 'overwrite',
      zip: false,
      now: new Date(),
      batches: [{ logoId: 'acme0001', logoName: 'Acme', recipe: 'beta', options: {}, files }],
    });
    // After planning, a non-empty folder takes the name of one file.
    await mkdir(join(dest, 'favicon.ico'), { recursive: true });
    await writeFile(join(dest, 'favicon.ico', 'keep.txt'), 'keep');
    const result = await writePlan(plan, { exportId: 'x', now: new Date(), ...noProgress });
    expect(result.failures.map((f) => f.file)).toEqual(['favicon.ico']);
    expect(result.written.map((f) => f.path)).toEqual(['site.webmanifest']);
    expect(await leftovers(dest)).toEqual([]);
    expect(await readFile(join(dest, 'favicon.ico', 'keep.txt'), 'utf8')).toBe('keep');
  });

  it('numbers or skips a file that appeared after the preview, never overwriting it', async () => {
    const runner = fileRunner(join(tmp.path, 'cache'));
    const files = await runner.produce(logo('acme0001', 'Acme'), 'beta', {});
    for (const conflict of ['rename', 'skip'] as const) {
      const dest = join(tmp.path, conflict);
      const plan = await planExport({
        destination: dest,
        template: '{file}',
        conflict,
        zip: false,
        now: new Date(),
        batches: [{ logoId: 'acme0001', logoName: 'Acme', recipe: 'beta', options: {}, files }],
      });
      expect(plan.entries.map((e) => e.action)).toEqual(['create', 'create']);
      await mkdir(dest);
      await writeFile(join(dest, 'favicon.ico'), 'theirs');
      const result = await writePlan(plan, { exportId: 'x', now: new Date(), ...noProgress });
      expect(await readFile(join(dest, 'favicon.ico'), 'utf8')).toBe('theirs');
      if (conflict === 'rename')
        expect(result.written.map((f) => [f.path, f.action])).toContainEqual(['favicon (2).ico', 'rename']);
      else expect(result.skipped.map((s) => s.path)).toEqual(['favicon.ico']);
      expect(await leftovers(dest)).toEqual([]);
    }
  });

  it('leaves out of a zip a file it cannot read, and names it', async () => {
    const cache = join(tmp.path, 'cache');
    const good = fileRunner(cache);
    const runner: RecipeRunner = {
      async produce(target, recipe, options) {
        const files = await good.produce(target, recipe, options);
        return files.map((f) => (f.path === 'favicon.ico' ? { ...f, source: join(cache, 'missing') } : f));
      },
    };
    const { service } = exportService([logo('acme0001', 'Acme')], runner, join(tmp.path, 'dl'));
    const dest = join(tmp.path, 'out');
    const summary = await service.run(
      exportRequest.parse({ logoIds: ['acme0001'], recipes: [{ recipe: 'beta' }], destination: dest, zip: true }),
    );
    expect(summary.failures.map((f) => [f.file, f.code])).toEqual([['favicon.ico', 'ENOENT']]);
    expect(summary.written.map((f) => f.path)).toEqual(['Acme/beta/site.webmanifest']);
    expect(await readdir(dest)).toEqual([summary.zipPath?.slice(dest.length + 1)]);
  });
});
