/**
 * The exporter on a delivery-sized batch: 50 logos x 2 recipes x 10 files (1,000 files, ~60 MB
 * of incompressible bytes the size of real PNG/PDF outputs), already in the derived cache, so
 * this times naming, atomic writes (temp + fsync + rename + folder fsync), the re-read audit and
 * the manifest. Reference in the same run: `cp -r` of the same cache tree (no fsync, no audit,
 * no safe names) and `zip -r -0`/`zip -r` of it for the zip mode.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventHub } from '../src/main/core/events.ts';
import { ExportService, type RecipeRunner } from '../src/main/core/exporter/export-service.ts';
import type { ProducedFile } from '../src/main/core/exporter/plan.ts';
import { exportRequest } from '../src/shared/contract/exports.ts';
import type { Logo } from '../src/shared/domain.ts';
import { type BenchSection, table } from './bench.ts';

const LOGOS = 50;
const RECIPES = ['package', 'social'];
const FILES_PER_RECIPE = 10;

function logoRow(i: number): Logo {
  const id = `bench${String(i).padStart(4, '0')}`;
  return {
    id,
    name: `Brand ${i}`,
    format: 'svg',
    isVector: true,
    width: 100,
    height: 100,
    hasAlpha: true,
    byteSize: 1,
    hash: '0'.repeat(64),
    sourcePath: null,
    importedAt: '',
    updatedAt: '',
    favorite: false,
    rating: 0,
    notes: '',
    tags: [],
    deletedAt: null,
  };
}

async function seedCache(cache: string): Promise<Map<string, ProducedFile[]>> {
  const out = new Map<string, ProducedFile[]>();
  for (let i = 0; i < LOGOS; i++) {
    for (const recipe of RECIPES) {
      const files: ProducedFile[] = [];
      for (let f = 0; f < FILES_PER_RECIPE; f++) {
        const bytes = 20_000 + ((i * 7919 + f * 104_729) % 100_000);
        const path = `png/logo-${64 << (f % 6)}-${f}.png`;
        const source = join(cache, `bench${String(i).padStart(4, '0')}`, recipe, path);
        await mkdir(join(source, '..'), { recursive: true });
        await writeFile(source, randomBytes(bytes));
        files.push({ path, source, bytes });
      }
      out.set(`${i}:${recipe}`, files);
    }
  }
  return out;
}

async function timed(run: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

export async function exporterBench(): Promise<BenchSection> {
  const root = await mkdtemp(join(tmpdir(), 'marque-bench-export-'));
  try {
    const cache = join(root, 'cache');
    const produced = await seedCache(cache);
    const logos = Array.from({ length: LOGOS }, (_, i) => logoRow(i));
    const runner: RecipeRunner = {
      produce: async (logo, recipe) => produced.get(`${Number(logo.id.slice(5))}:${recipe}`) ?? [],
    };
    const service = new ExportService({
      library: { get: (id) => logos[Number(id.slice(5))] as Logo },
      runner,
      events: new EventHub(),
      tempDir: join(root, 'dl'),
    });
    const request = (destination: string, zip: boolean) =>
      exportRequest.parse({
        logoIds: logos.map((l) => l.id),
        recipes: RECIPES.map((recipe) => ({ recipe })),
        destination,
        zip,
      });
    const files = LOGOS * RECIPES.length * FILES_PER_RECIPE;
    const megabytes = [...produced.values()].flat().reduce((sum, f) => sum + f.bytes, 0) / 1_048_576;

    const preview = await timed(() => service.preview(request(join(root, 'out-folder'), false)));
    const folder = await timed(() => service.run(request(join(root, 'out-folder'), false)));
    const cp = await timed(() => execFileSync('cp', ['-r', cache, join(root, 'out-cp')]));
    const zip = await timed(() => service.run(request(join(root, 'out-zip'), true)));
    const zipRef = await timed(() =>
      execFileSync('zip', ['-q', '-r', '-0', join(root, 'ref.zip'), '.'], { cwd: cache }),
    );

    const rows = [
      ['preview (plan the tree)', preview.toFixed(0), '', ''],
      [
        'export to folder (atomic + fsync + audit + manifest)',
        folder.toFixed(0),
        `cp -r: ${cp.toFixed(0)}`,
        (folder / cp).toFixed(1),
      ],
      [
        'export to one zip (+ audit re-read)',
        zip.toFixed(0),
        `zip -r -0: ${zipRef.toFixed(0)}`,
        (zip / zipRef).toFixed(1),
      ],
    ];
    return {
      title: 'Exporter: 1,000 files to a folder or one zip',
      markdown: [
        table(['step', 'ours ms', 'reference ms', 'ratio'], rows),
        '',
        `${LOGOS} logos x ${RECIPES.length} recipes x ${FILES_PER_RECIPE} files = ${files} files, ${megabytes.toFixed(1)} MB of random bytes already in the cache (the recipes are not timed). One run each, same disk, same process; the reference tools neither fsync nor verify.`,
      ].join('\n'),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
