import { lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import yauzl from 'yauzl';
import type { RecipeRunner } from '../../../src/main/core/exporter/export-service.ts';
import { exportManifest } from '../../../src/main/core/exporter/manifest.ts';
import { isWindowsReserved } from '../../../src/main/core/exporter/safe-name.ts';
import { exportRequest } from '../../../src/shared/contract/exports.ts';
import { MarqueError } from '../../../src/shared/errors.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { exportService, fileRunner, listTree, logo, RECIPE_FILES, sha256Of } from './fixtures.ts';
import { NASTY_NAMES } from './nasty-names.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir('marque-export-');
});
afterEach(() => tmp.cleanup());

const ids = (n: number) => Array.from({ length: n }, (_, i) => `logo${String(i).padStart(4, '0')}`);

function request(logoIds: string[], destination: string, extra: Record<string, unknown> = {}) {
  return exportRequest.parse({ logoIds, recipes: [{ recipe: 'alpha' }, { recipe: 'beta' }], destination, ...extra });
}

async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))),
  );
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return out;
}

async function tempFilesUnder(root: string): Promise<string[]> {
  const all = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  return all.filter((p) => /\.marque-[^/]*\.tmp$/.test(p) || p.endsWith('.tmp'));
}

describe('export to a folder', () => {
  it('writes exactly the previewed tree, with a manifest whose hashes match the disk', async () => {
    const logos = ids(5).map((id, i) => logo(id, `Brand ${i}`));
    const { service, progress } = exportService(logos, fileRunner(join(tmp.path, 'cache')), join(tmp.path, 'dl'));
    const dest = join(tmp.path, 'out');
    const req = request(ids(5), dest);
    const preview = await service.preview(req);
    expect(preview.entries).toHaveLength(5 * 5);
    expect(preview.entries.every((e) => e.action === 'create')).toBe(true);
    expect(preview.entries[0]?.path).toBe('Brand 0/alpha/black/logo-256.png');
    await expect(stat(dest)).rejects.toThrow(); // the preview wrote nothing

    const summary = await service.run(req);
    expect(summary.failures).toEqual([]);
    expect(await listTree(dest)).toEqual([...preview.entries.map((e) => e.path), 'manifest.json'].sort());

    const manifest = exportManifest.parse(JSON.parse(await readFile(join(dest, 'manifest.json'), 'utf8')));
    expect(manifest.files.map((f) => f.path)).toEqual(preview.entries.map((e) => e.path));
    for (const file of manifest.files) {
      expect(await sha256Of(join(dest, file.path))).toBe(file.sha256);
      expect((await stat(join(dest, file.path))).size).toBe(file.bytes);
      expect(await readFile(join(dest, file.path), 'utf8')).toContain(`${file.logoId}:${file.recipe}:${file.file}:`);
    }
    expect(summary.written.map((f) => f.absolutePath)).toEqual(preview.entries.map((e) => join(dest, e.path)));
    expect(summary.manifestPath).toBe(join(dest, 'manifest.json'));

    const phases = new Set(progress.map((p) => p.phase));
    expect([...phases]).toEqual(['producing', 'writing', 'verifying', 'done']);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 25, total: 25 });
    expect(await tempFilesUnder(dest)).toEqual([]);
  });

  it('keeps hostile logo names inside the folder, each logo in its own safe folder', async () => {
    const logos = NASTY_NAMES.map((name, i) => logo(`nasty${String(i).padStart(3, '0')}`, name));
    const { service } = exportService(logos, fileRunner(join(tmp.path, 'cache')), join(tmp.path, 'dl'));
    await mkdir(join(tmp.path, 'box'));
    const dest = join(tmp.path, 'box', 'out');
    for (const template of ['{name}_{recipe}_{file}', '{name}/{recipe}/{file}']) {
      const summary = await service.run(
        exportRequest.parse({
          logoIds: logos.map((l) => l.id),
          recipes: [{ recipe: 'alpha' }],
          destination: dest,
          template,
          conflict: 'overwrite',
        }),
      );
      expect(summary.failures).toEqual([]);
      expect(summary.written).toHaveLength(logos.length * (RECIPE_FILES.alpha?.length ?? 0));
      for (const file of summary.written) expect(file.absolutePath.startsWith(`${dest}/`)).toBe(true);
    }
    // Nothing appeared beside the destination or above it.
    expect(await readdir(join(tmp.path, 'box'))).toEqual(['out']);
    expect((await readdir(tmp.path)).sort()).toEqual(['box', 'cache']);
    // The flat template made only the recipe's own sub-folders; the default one made one per logo.
    const folders = (await readdir(dest, { withFileTypes: true }))
      .filter((e) => e.isDirectory() && e.name !== 'png' && e.name !== 'black')
      .map((e) => e.name);
    expect(folders).toHaveLength(logos.length); // one per logo, however their names fold
    const folded = new Set(folders.map((f) => f.normalize('NFKC').toLowerCase()));
    expect(folded.size).toBe(logos.length);
    for (const name of folders) {
      expect(name).not.toMatch(/[<>:"/\\|?*\p{Cc}]|^[ .]|[ .]$/u);
      expect(isWindowsReserved(name)).toBe(false);
    }
  });

  it('refuses to write through a symlink planted in the destination', async () => {
    const outside = join(tmp.path, 'outside');
    const dest = join(tmp.path, 'out');
    await mkdir(outside);
    await mkdir(dest);
    await symlink(outside, join(dest, 'Acme'));
    const { service } = exportService(
      [logo('acme0001', 'Acme'), logo('other001', 'Other')],
      fileRunner(join(tmp.path, 'cache')),
      join(tmp.path, 'dl'),
    );
    const summary = await service.run(request(['acme0001', 'other001'], dest));
    expect(await readdir(outside)).toEqual([]);
    expect(summary.failures.length).toBe(5);
    expect(
      summary.failures.every((f) => f.code === 'FORBIDDEN' && f.logoName === 'Acme' && f.message.includes('outside')),
    ).toBe(true);
    expect(summary.written.every((f) => f.logoId === 'other001')).toBe(true);
    expect(summary.written).toHaveLength(5);
  });

  it('never writes through a planted file symlink, whatever the conflict mode', async () => {
    const outside = join(tmp.path, 'outside.txt');
    await writeFile(outside, 'precious');
    const { service } = exportService(
      [logo('acme0001', 'Acme')],
      fileRunner(join(tmp.path, 'cache')),
      join(tmp.path, 'dl'),
    );
    for (const conflict of ['overwrite', 'rename', 'skip'] as const) {
      const dest = join(tmp.path, `out-${conflict}`);
      const planted = join(dest, 'Acme', 'beta', 'favicon.ico');
      await mkdir(join(dest, 'Acme', 'beta'), { recursive: true });
      await symlink(outside, planted);
      const summary = await service.run(request(['acme0001'], dest, { conflict }));
      expect(summary.failures).toEqual([]);
      expect(await readFile(outside, 'utf8')).toBe('precious');
      // overwrite replaces the link itself; rename and skip leave it and write elsewhere or nothing.
      expect((await lstat(planted)).isSymbolicLink()).toBe(conflict !== 'overwrite');
    }
  });

  it('names a failed recipe and writes everything else', async () => {
    const logos = ids(3).map((id, i) => logo(id, `L${i}`));
    const runner = fileRunner(join(tmp.path, 'cache'), (l, recipe) => l.name === 'L1' && recipe === 'beta');
    const { service } = exportService(logos, runner, join(tmp.path, 'dl'));
    const dest = join(tmp.path, 'out');
    const summary = await service.run(request(ids(3), dest));
    expect(summary.failures).toEqual([
      {
        logoId: 'logo0001',
        logoName: 'L1',
        recipe: 'beta',
        file: null,
        code: 'DECODE_FAILED',
        message: 'L1 (beta): recipe beta broke on purpose',
      },
    ]);
    expect(summary.written).toHaveLength(3 * 5 - 2);
    const manifest = exportManifest.parse(JSON.parse(await readFile(join(dest, 'manifest.json'), 'utf8')));
    expect(manifest.failures).toHaveLength(1);
    expect(manifest.totals).toMatchObject({ files: 13, failed: 1 });
  });
});

describe('cancel and the activity log', () => {
  it('records who exported what', async () => {
    const { service, activity } = exportService(
      [logo('acme0001', 'Acme')],
      fileRunner(join(tmp.path, 'cache')),
      join(tmp.path, 'dl'),
    );
    const dest = join(tmp.path, 'out');
    await service.run(request(['acme0001'], dest), { clientAddress: '127.0.0.1' });
    expect(activity).toEqual([
      {
        kind: 'export',
        logoIds: ['acme0001'],
        clientAddress: '127.0.0.1',
        detail: expect.stringMatching(/^5 files \(0\.0 MB; alpha, beta\) to .*out; 0 skipped, 0 failed$/),
      },
    ]);
  });

  it('stops a running export by the id of its progress events and says so in the manifest', async () => {
    const good = fileRunner(join(tmp.path, 'cache'));
    const runner: RecipeRunner = {
      async produce(target, recipe, options, signal) {
        if (target.id === 'logo0000') return good.produce(target, recipe, options);
        // The other logos wait for a worker that never comes, until the export is cancelled.
        return new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(new MarqueError('CANCELLED', 'cancelled'))),
        );
      },
    };
    const logos = ids(3).map((id) => logo(id, id));
    const { service, progress } = exportService(logos, runner, join(tmp.path, 'dl'));
    const dest = join(tmp.path, 'out');
    const running = service.run(request(ids(3), dest));
    await vi.waitFor(() => expect(progress.length).toBeGreaterThan(0));
    expect(service.cancel(progress[0]?.exportId as string)).toBe(true);
    const summary = await running;
    expect(summary.written).toEqual([]);
    expect(summary.failures.filter((f) => f.code === 'CANCELLED')).toHaveLength(4 + 5);
    const manifest = exportManifest.parse(JSON.parse(await readFile(join(dest, 'manifest.json'), 'utf8')));
    expect(manifest.totals).toMatchObject({ files: 0, failed: 9 });
    expect(service.cancel(progress[0]?.exportId as string)).toBe(false);
  });
});

describe('conflicts, chosen up front', () => {
  async function firstExport() {
    const { service } = exportService(
      [logo('acme0001', 'Acme')],
      fileRunner(join(tmp.path, 'cache')),
      join(tmp.path, 'dl'),
    );
    const dest = join(tmp.path, 'out');
    await service.run(request(['acme0001'], dest));
    const mine = join(dest, 'Acme', 'alpha', 'logo.svg');
    await writeFile(mine, 'the client edited this');
    return { service, dest, mine };
  }

  it('skip leaves existing files alone and the manifest says so', async () => {
    const { service, dest, mine } = await firstExport();
    const preview = await service.preview(request(['acme0001'], dest, { conflict: 'skip' }));
    expect(preview.entries.every((e) => e.action === 'skip')).toBe(true);
    // One manifest per folder: the earlier export's record is kept in it, never a second manifest.
    expect(preview.manifestPath).toBe('manifest.json');
    const summary = await service.run(request(['acme0001'], dest, { conflict: 'skip' }));
    expect(summary.written).toEqual([]);
    expect(summary.skipped).toHaveLength(5);
    expect(await readFile(mine, 'utf8')).toBe('the client edited this');
    const manifest = exportManifest.parse(JSON.parse(await readFile(join(dest, 'manifest.json'), 'utf8')));
    expect(manifest.skipped).toHaveLength(5);
    expect(manifest.files).toHaveLength(5);
    expect((await readdir(dest)).filter((name) => name.startsWith('manifest'))).toEqual(['manifest.json']);
  });

  it('overwrite replaces files in place', async () => {
    const { service, dest, mine } = await firstExport();
    const before = await listTree(dest);
    const summary = await service.run(request(['acme0001'], dest, { conflict: 'overwrite' }));
    expect(summary.written.every((f) => f.action === 'overwrite')).toBe(true);
    expect(await readFile(mine, 'utf8')).toContain('acme0001:alpha:logo.svg:');
    expect(await listTree(dest)).toEqual(before);
  });

  it('rename writes beside the existing files and keeps them', async () => {
    const { service, dest, mine } = await firstExport();
    const req = request(['acme0001'], dest, { conflict: 'rename' });
    const preview = await service.preview(req);
    expect(preview.entries.find((e) => e.file === 'logo.svg')).toMatchObject({
      action: 'rename',
      path: 'Acme/alpha/logo (2).svg',
      wanted: 'Acme/alpha/logo.svg',
    });
    const summary = await service.run(req);
    expect(summary.written.map((f) => f.path)).toEqual(preview.entries.map((e) => e.path));
    expect(await readFile(mine, 'utf8')).toBe('the client edited this');
    expect(await readFile(join(dest, 'Acme', 'alpha', 'logo (2).svg'), 'utf8')).toContain('acme0001:alpha:logo.svg:');
    // "Keep both" keeps both files, and one manifest listing both.
    expect(summary.manifestPath).toBe(join(dest, 'manifest.json'));
    expect((await readdir(dest)).filter((name) => name.startsWith('manifest'))).toEqual(['manifest.json']);
    const manifest = exportManifest.parse(JSON.parse(await readFile(join(dest, 'manifest.json'), 'utf8')));
    expect(manifest.files.map((f) => f.path)).toContain('Acme/alpha/logo.svg');
    expect(manifest.files.map((f) => f.path)).toContain('Acme/alpha/logo (2).svg');
    expect(manifest.totals.files).toBe(10);
  });

  it('a manifest.json that is not an export record is renamed around, never merged into', async () => {
    const { service, dest } = await firstExport();
    await writeFile(join(dest, 'manifest.json'), '{"mine": true}');
    const summary = await service.run(request(['acme0001'], dest, { conflict: 'rename' }));
    expect(summary.manifestPath).toBe(join(dest, 'manifest (2).json'));
    expect(await readFile(join(dest, 'manifest.json'), 'utf8')).toBe('{"mine": true}');
  });
});

describe('export to one zip', () => {
  it('holds exactly the previewed files plus a manifest whose hashes match the zip', async () => {
    const logos = ids(4).map((id, i) => logo(id, i === 0 ? 'CON' : `Brand ${i}`));
    const { service } = exportService(logos, fileRunner(join(tmp.path, 'cache')), join(tmp.path, 'dl'));
    const dest = join(tmp.path, 'out');
    // Named after the collection the logos came from.
    const req = request(ids(4), dest, { zip: true, title: 'Spring rebrand' });
    const preview = await service.preview(req);
    expect(preview.zipPath).toBe('Spring rebrand-2026-11-22.zip');
    const summary = await service.run(req);
    expect(summary.failures).toEqual([]);
    expect(await readdir(dest)).toEqual(['Spring rebrand-2026-11-22.zip']);
    const entries = await readZip(join(dest, 'Spring rebrand-2026-11-22.zip'));
    const manifest = exportManifest.parse(JSON.parse((entries.get('manifest.json') as Buffer).toString('utf8')));
    expect([...entries.keys()].sort()).toEqual([...preview.entries.map((e) => e.path), 'manifest.json'].sort());
    expect(manifest.files.map((f) => f.path)).toEqual(preview.entries.map((e) => e.path));
    const { createHash } = await import('node:crypto');
    for (const file of manifest.files) {
      const bytes = entries.get(file.path) as Buffer;
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      expect(bytes.length).toBe(file.bytes);
    }
    expect(manifest.files[0]?.path.startsWith('_CON/')).toBe(true);

    // The same batch again: renamed, not overwritten, with the same files inside.
    const again = await service.run(req);
    expect(again.zipPath).toBe(join(dest, 'Spring rebrand-2026-11-22 (2).zip'));
    // Without a collection, the zip is named after the selection.
    const named = await service.preview(request(ids(4), dest, { zip: true }));
    expect(named.zipPath).toBe('CON and 3 more-2026-11-22.zip');
    const second = await readZip(again.zipPath as string);
    for (const [path, bytes] of entries)
      if (path !== 'manifest.json') expect(second.get(path)?.equals(bytes)).toBe(true);
  });

  it('builds a download zip in the data dir and removes it when disposed', async () => {
    const { service } = exportService(
      [logo('acme0001', 'Acme')],
      fileRunner(join(tmp.path, 'cache')),
      join(tmp.path, 'dl'),
    );
    const download = await service.zipForDownload({
      logoIds: ['acme0001'],
      recipes: [{ recipe: 'beta', options: {} }],
      template: '{name}/{file}',
    });
    expect(download.path.startsWith(join(tmp.path, 'dl'))).toBe(true);
    expect(download.fileName).toBe('Acme-2026-11-22.zip');
    expect((await stat(download.path)).size).toBe(download.bytes);
    expect([...(await readZip(download.path)).keys()].sort()).toEqual([
      'Acme/favicon.ico',
      'Acme/site.webmanifest',
      'manifest.json',
    ]);
    await download.dispose();
    expect(await readdir(join(tmp.path, 'dl'))).toEqual([]);
  });
});
