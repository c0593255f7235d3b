import { spawnSync } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { type IncomingHttpHeaders, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportManifest } from '../../../src/main/core/exporter/manifest.ts';
import { readZipHashes } from '../../../src/main/core/exporter/zip.ts';
import { processors } from '../../../src/main/core/pipeline/processors/index.ts';
import { startMarqueServer } from '../../../src/main/core/server/http-server.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import type { ExportDownload, ExportProgress } from '../../../src/shared/contract/exports.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { CLI_ENTRY } from '../../helpers/node24.ts';
import { scaled } from '../../helpers/scale.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { listTree, sha256Of } from './fixtures.ts';

const caller = { mode: 'desktop', clientAddress: null } as const;

function call(base: string, path: string, token: string, method: string, body?: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = request(
      `${base.replace(/\/$/, '')}${path}`,
      { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
/** Recipes for the library's own previews; every other registered processor is a deliverable. */
const recipes = processors.map((p) => p.id).filter((id) => id !== 'thumbnail-png');
const HOSTILE = ['../../escape', 'CON', 'acme', 'ACME', 'Cafe\u0301', 'Café', 'inv\u202Efdp.exe', 'trailing. . .'];
/**
 * 4 logos in the fast loop (a path escape, a device name, a case collision: the name rules have
 * their own tests in safe-name.test.ts), 20 with every hostile name in the slow project.
 */
const LOGOS = scaled(4, 20);

describe('export through the real studio and worker pool', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio;
  let ids: string[];

  beforeAll(async () => {
    dir = await tempDir('marque-studio-export-');
    const corpus = await writeCorpus(join(dir.path, 'corpus'), { svgs: LOGOS });
    studio = await createStudio({ dataDir: join(dir.path, 'data'), pipeline: { workers: 2 } });
    const report = await studio.library.importPaths(corpus.svgs);
    ids = report.outcomes.flatMap((o) => (o.status === 'imported' ? [o.logo.id] : []));
    for (const [i, name] of HOSTILE.slice(0, LOGOS).entries())
      await studio.handlers['library.update']({ id: ids[i] as string, name }, caller);
  }, 120_000);
  afterAll(async () => {
    await studio?.close();
    await dir?.cleanup();
  });

  it(`writes exactly the previewed tree of ${LOGOS} logos x every recipe, with a valid manifest`, async () => {
    expect(ids).toHaveLength(LOGOS);
    expect(recipes.length).toBeGreaterThan(0);
    const destination = join(dir.path, 'delivery');
    const request = {
      logoIds: ids,
      recipes: recipes.map((recipe) => ({ recipe, options: {} })),
      destination,
      template: '{name}/{recipe}/{file}',
      conflict: 'rename' as const,
      zip: false,
    };
    const progress: ExportProgress[] = [];
    const unsubscribe = studio.events.subscribe((name, payload) => {
      if (name === 'exports.progress') progress.push(payload as ExportProgress);
    });
    const preview = await studio.handlers['exports.preview'](request, caller);
    const summary = await studio.handlers['exports.run'](request, caller);
    unsubscribe();

    expect(preview.failures.map((f) => f.message)).toEqual(summary.failures.map((f) => f.message));
    expect(summary.failures).toEqual([]);
    expect(preview.entries.length).toBeGreaterThanOrEqual(LOGOS * recipes.length);
    expect(summary.written.map((f) => f.path)).toEqual(preview.entries.map((e) => e.path));
    expect(await listTree(destination)).toEqual([...preview.entries.map((e) => e.path), 'manifest.json'].sort());
    // Every logo got a folder of its own, and nothing was written outside the destination.
    expect((await readdir(destination)).length).toBe(LOGOS + 1);
    expect((await readdir(dir.path)).sort()).toEqual(['corpus', 'data', 'delivery']);

    const manifest = exportManifest.parse(JSON.parse(await readFile(join(destination, 'manifest.json'), 'utf8')));
    expect(manifest.files).toHaveLength(preview.entries.length);
    for (const file of manifest.files) {
      expect(await sha256Of(join(destination, file.path))).toBe(file.sha256);
      expect((await stat(join(destination, file.path))).size).toBe(file.bytes);
    }
    expect(progress.at(-1)).toMatchObject({ phase: 'done' });
  }, 240_000);

  it('gives browser mode the batch as one zip download', async () => {
    const server = await startMarqueServer({ studio, mode: 'browser', port: 0, staticDir: join(dir.path, 'no-ui') });
    try {
      const body = JSON.stringify({
        logoIds: ids.slice(0, 2),
        recipes: [{ recipe: recipes[0] }],
        template: '{name}/{file}',
      });
      const prepared = await call(server.url, '/api/exports.download', server.token, 'POST', body);
      expect(prepared.status).toBe(200);
      const reply = JSON.parse(prepared.body.toString('utf8')) as ExportDownload;
      expect(reply.url).toBe(`/media/export/${reply.exportId}`);
      const zip = await call(server.url, reply.url, server.token, 'GET');
      expect(zip.status).toBe(200);
      expect(String(zip.headers['content-disposition'])).toMatch(/^attachment/);
      expect(zip.body.length).toBe(reply.bytes);
      const file = join(dir.path, 'download.zip');
      await writeFile(file, zip.body);
      const entries = await readZipHashes(file);
      expect([...entries.keys()].sort()).toEqual([...reply.summary.written.map((f) => f.path), 'manifest.json'].sort());
      for (const written of reply.summary.written) expect(entries.get(written.path)?.sha256).toBe(written.sha256);
      // The reply names the zip the browser gets, never the data folder's temp path it was built in.
      expect(reply.summary.zipPath).toBe(reply.fileName);
      expect(prepared.body.toString('utf8')).not.toContain(studio.dataDir);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('marque export --json names every file it wrote by absolute path', async () => {
    await studio.close(); // one writer at a time on the library
    const out = join(dir.path, 'cli-out');
    const result = spawnSync(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        CLI_ENTRY,
        'export',
        ...ids.slice(0, 3),
        '--recipe',
        recipes[0] as string,
        '--out',
        out,
        '--zip',
        '--json',
        '--data-dir',
        join(dir.path, 'data'),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    const reply = JSON.parse(result.stdout);
    expect(reply.zipPath.startsWith(`${out}/`)).toBe(true);
    expect(reply.written.length).toBeGreaterThanOrEqual(3);
    for (const file of reply.written) expect(file.path.startsWith(`${reply.zipPath}!/`)).toBe(true);
    expect(await readdir(out)).toEqual([reply.zipPath.slice(out.length + 1)]);

    const folder = join(dir.path, 'cli-folder');
    const plain = spawnSync(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        CLI_ENTRY,
        'export',
        ids[0] as string,
        '--recipe',
        recipes[0] as string,
        '--out',
        folder,
        '--json',
        '--data-dir',
        join(dir.path, 'data'),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(plain.status).toBe(0);
    const written = JSON.parse(plain.stdout).written as { path: string; sha256: string }[];
    expect(written.length).toBeGreaterThan(0);
    for (const file of written) expect(await sha256Of(file.path)).toBe(file.sha256);
    expect(await listTree(folder)).toEqual(
      [...written.map((f) => f.path.slice(folder.length + 1)), 'manifest.json'].sort(),
    );
  }, 240_000);
});
