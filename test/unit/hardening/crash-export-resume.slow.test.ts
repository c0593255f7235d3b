import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { type ExportRequest, exportRequest } from '../../../src/shared/contract/exports.ts';
import { startLineChild } from '../../helpers/child-process.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { exportTempFiles, listFiles } from '../../helpers/data-audit.ts';
import { CLI_ENTRY } from '../../helpers/node24.ts';
import { scaled } from '../../helpers/scale.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const CHILD = fileURLToPath(new URL('./fixtures/export-child.ts', import.meta.url));
const caller = { mode: 'desktop', clientAddress: null } as const;
const SIZES = [64, 96, 128, 256, 384, 512];

interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** Every file of a folder by relative path, with its bytes. */
async function tree(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const path of await listFiles(root)) out.set(path, await readFile(join(root, path)));
  return out;
}

async function manifestFiles(root: string): Promise<ManifestFile[]> {
  const manifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8')) as { files: ManifestFile[] };
  return manifest.files
    .map(({ path, bytes, sha256 }) => ({ path, bytes, sha256 }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

describe('an interrupted folder export is resumed by running the same export again', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let dataDir: string;
  let logoIds: string[];
  let clean: Map<string, Buffer>;
  let studio: Studio | null = null;

  const request = (destination: string): ExportRequest => ({
    logoIds,
    recipes: SIZES.map((size) => ({ recipe: 'thumbnail-png', options: { size } })),
    destination,
  });

  beforeAll(async () => {
    dir = await tempDir('marque-export-resume-');
    dataDir = join(dir.path, 'data');
    const corpus = await writeCorpus(join(dir.path, 'corpus'), { svgs: 12, offset: 70 });
    studio = await createStudio({ dataDir, intakeProcesses: 1, pipeline: { workers: 2 } });
    const report = await studio.library.importPaths(corpus.svgs);
    logoIds = report.outcomes.flatMap((o) => (o.status === 'imported' ? [o.logo.id] : []));
    // A clean export (which also puts every output in the cache, so the killed ones spend their time writing).
    const summary = await studio.handlers['exports.run'](exportRequest.parse(request(join(dir.path, 'clean'))), caller);
    expect(summary.failures).toEqual([]);
    clean = await tree(join(dir.path, 'clean'));
    await studio.close();
    studio = null;
  }, 180_000);
  afterAll(async () => {
    try {
      await studio?.close();
    } finally {
      await dir?.cleanup();
    }
  });

  const moments = [
    { name: 'after the first file', phase: 'writing', files: 1 },
    { name: 'half way through the files', phase: 'writing', files: 0.5 },
    { name: 'while verifying, before the manifest', phase: 'verifying', files: 1 },
  ] as const;

  // npm test kills half way through; the slow project kills at every moment.
  for (const moment of scaled<readonly (typeof moments)[number][]>([moments[1]], moments)) {
    it(`killed ${moment.name}: the same export finishes it, equal to a clean export byte for byte`, async () => {
      const total = logoIds.length * SIZES.length;
      expect(total).toBeGreaterThanOrEqual(60);
      const wanted = moment.files < 1 ? Math.ceil(total * moment.files) : moment.files;
      // The kill must land mid-export (files published, no manifest yet); on a fast disk an attempt
      // can finish first, and is then discarded and run again.
      let destination = '';
      let published: string[] = [];
      for (let attempt = 1; attempt <= 6; attempt++) {
        destination = join(dir.path, `${moment.phase}-${wanted}-${attempt}`);
        const run = startLineChild(CHILD, [dataDir, JSON.stringify(request(destination))]);
        await run.until((lines) => lines.some((l) => l.phase === moment.phase), 90_000);
        const end = Date.now() + 10_000;
        while (
          (await listFiles(destination).catch(() => [] as string[])).filter((f) => f.endsWith('.png')).length <
            wanted &&
          Date.now() < end
        )
          await new Promise((resolve) => setTimeout(resolve, 1));
        expect(await run.kill()).toBe('SIGKILL');
        published = (await listFiles(destination).catch(() => [] as string[])).filter((f) => f.endsWith('.png'));
        const finished = run.lines.some((l) => l.finished) || existsSync(join(destination, 'manifest.json'));
        if (!finished && published.length >= wanted) break;
        published = [];
      }
      expect(published.length, 'no kill landed mid-export in 6 attempts').toBeGreaterThanOrEqual(wanted);

      studio = await createStudio({ dataDir, intakeProcesses: 1, pipeline: { workers: 1 } });
      await studio.exporter.recovered;
      expect(await studio.handlers['exports.interrupted']({ destination }, caller)).toMatchObject({
        destination,
        files: total,
      });
      // The same export, with nothing said about resuming: it writes only the missing files.
      const summary = await studio.handlers['exports.run'](exportRequest.parse(request(destination)), caller);
      expect(summary.failures).toEqual([]);
      expect(summary.written.length).toBe(total);
      expect(summary.resumed?.kept).toBe(published.length);
      expect(summary.written.every((f) => f.action === 'create')).toBe(true);
      expect(await studio.handlers['exports.interrupted']({ destination }, caller)).toBeNull();

      // Byte for byte a clean export: the same names, the same bytes, no " (2)" copy, no temp file.
      const resumed = await tree(destination);
      expect([...resumed.keys()].sort()).toEqual([...clean.keys()].sort());
      expect([...resumed.keys()].filter((name) => / \(\d+\)/.test(name))).toEqual([]);
      expect(await exportTempFiles(destination)).toEqual([]);
      for (const [name, bytes] of clean) {
        if (name === 'manifest.json') continue;
        expect(resumed.get(name)?.equals(bytes), name).toBe(true);
      }
      // One manifest, listing every file of the folder with its size and hash, as the clean one does.
      const listed = await manifestFiles(destination);
      expect(listed).toEqual(await manifestFiles(join(dir.path, 'clean')));
      expect(listed.map((f) => f.path).sort()).toEqual([...resumed.keys()].filter((n) => n !== 'manifest.json').sort());
      await studio.close();
      studio = null;
    }, 180_000);
  }

  it('marque export --resume finishes an interrupted export; the summary says how many files were there', async () => {
    const single = (destination: string): ExportRequest => ({
      logoIds,
      recipes: [{ recipe: 'thumbnail-png', options: { size: 768 } }],
      destination,
    });
    let destination = '';
    let published: string[] = [];
    for (let attempt = 1; attempt <= 6 && published.length === 0; attempt++) {
      destination = join(dir.path, `cli-${attempt}`);
      const run = startLineChild(CHILD, [dataDir, JSON.stringify(single(destination))]);
      await run.until((lines) => lines.some((l) => l.phase === 'writing'), 90_000);
      await run.kill();
      const pngs = (await listFiles(destination).catch(() => [] as string[])).filter((f) => f.endsWith('.png'));
      if (!run.lines.some((l) => l.finished) && !existsSync(join(destination, 'manifest.json'))) published = pngs;
    }
    expect(published.length, 'no kill landed mid-export in 6 attempts').toBeGreaterThan(0);
    const cli = spawnSync(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        CLI_ENTRY,
        'export',
        ...logoIds,
        '--recipe',
        'thumbnail-png',
        '--option',
        'size=768',
        '--out',
        destination,
        '--resume',
        '--data-dir',
        dataDir,
        '--json',
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const reply = JSON.parse(cli.stdout);
    expect(reply.resumed).toMatchObject({ kept: published.length });
    expect(reply.written).toHaveLength(logoIds.length);
    const files = await listFiles(destination);
    expect(files.filter((f) => / \(\d+\)/.test(f))).toEqual([]);
    expect((await manifestFiles(destination)).map((f) => f.path)).toEqual(
      files.filter((f) => f !== 'manifest.json').sort(),
    );
  }, 180_000);

  it('a killed re-export over an earlier one (replace mode) resumes too, replacing the rest', async () => {
    const destination = join(dir.path, 'replace');
    const over = (): ExportRequest => ({ ...request(destination), conflict: 'overwrite' });
    studio = await createStudio({ dataDir, intakeProcesses: 1, pipeline: { workers: 1 } });
    // The designer's earlier delivery: the same names, other bytes (a different size of each logo).
    const earlier: ExportRequest = {
      ...request(destination),
      recipes: SIZES.map((size) => ({ recipe: 'thumbnail-png', options: { size, background: 'white' } })),
    };
    const first = await studio.handlers['exports.run'](exportRequest.parse(earlier), caller);
    expect(first.written.map((f) => f.path).sort()).toEqual(
      [...clean.keys()].filter((n) => n !== 'manifest.json').sort(),
    );
    await studio.close();
    studio = null;
    const run = startLineChild(CHILD, [dataDir, JSON.stringify(over())]);
    await run.until((lines) => lines.some((l) => l.phase === 'writing'), 90_000);
    await run.kill();
    expect(run.lines.some((l) => l.finished)).toBe(false);

    studio = await createStudio({ dataDir, intakeProcesses: 1, pipeline: { workers: 1 } });
    const summary = await studio.handlers['exports.run'](exportRequest.parse(over()), caller);
    expect(summary.failures).toEqual([]);
    expect(summary.resumed).not.toBeNull();
    const resumed = await tree(destination);
    expect([...resumed.keys()].filter((name) => / \(\d+\)/.test(name))).toEqual([]);
    for (const [name, bytes] of clean)
      if (name !== 'manifest.json') expect(resumed.get(name)?.equals(bytes), name).toBe(true);
    expect(await manifestFiles(destination)).toEqual(await manifestFiles(join(dir.path, 'clean')));
    await studio.close();
    studio = null;
  }, 180_000);

  it('--resume refuses an export whose plan changed; declining starts over beside it and forgets the interrupted one', async () => {
    const destination = join(dir.path, 'declined');
    const run = startLineChild(CHILD, [dataDir, JSON.stringify(request(destination))]);
    await run.until((lines) => lines.some((l) => l.phase === 'writing'), 90_000);
    expect(await run.kill()).toBe('SIGKILL');
    const published = (await listFiles(destination).catch(() => [] as string[])).filter((f) => f.endsWith('.png'));
    studio = await createStudio({ dataDir, intakeProcesses: 1, pipeline: { workers: 1 } });
    await studio.exporter.recovered;
    // Killed at its first written file, 71 files before its end.
    expect(run.lines.some((l) => l.finished)).toBe(false);
    expect(await studio.handlers['exports.interrupted']({ destination }, caller)).not.toBeNull();

    const fewer = { ...request(destination), recipes: [{ recipe: 'thumbnail-png', options: { size: 64 } }] };
    await expect(
      studio.handlers['exports.run'](exportRequest.parse({ ...fewer, resume: true }), caller),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/had other files/) });
    await expect(
      studio.handlers['exports.run'](exportRequest.parse({ ...request(destination), zip: true, resume: true }), caller),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/Only folder exports/) });

    const fresh = await studio.handlers['exports.run'](
      exportRequest.parse({ ...request(destination), resume: false }),
      caller,
    );
    expect(fresh.resumed).toBeNull();
    expect(fresh.written.filter((f) => f.action === 'rename')).toHaveLength(published.length);
    expect(await studio.handlers['exports.interrupted']({ destination }, caller)).toBeNull();
    await expect(
      studio.handlers['exports.run'](exportRequest.parse({ ...request(destination), resume: true }), caller),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/No interrupted export/) });
    await studio.close();
    studio = null;
  }, 180_000);
});
