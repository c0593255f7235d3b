import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { EventHub } from '../../../src/main/core/events.ts';
import {
  type ExportActivity,
  ExportService,
  type RecipeRunner,
} from '../../../src/main/core/exporter/export-service.ts';
import type { ProducedFile } from '../../../src/main/core/exporter/plan.ts';
import type { ExportProgress } from '../../../src/shared/contract/exports.ts';
import type { Logo } from '../../../src/shared/domain.ts';
import { MarqueError } from '../../../src/shared/errors.ts';

/** A library row for the exporter; only id and name matter to it. */
export function logo(id: string, name: string): Logo {
  return {
    id,
    name,
    format: 'svg',
    isVector: true,
    width: 100,
    height: 100,
    hasAlpha: true,
    byteSize: 10,
    hash: '0'.repeat(64),
    sourcePath: null,
    importedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    favorite: false,
    rating: 0,
    notes: '',
    tags: [],
    deletedAt: null,
  };
}

/** The files each test recipe makes: sub-folders, sizes and colourways like the real ones. */
export const RECIPE_FILES: Readonly<Record<string, readonly string[]>> = {
  alpha: ['logo.svg', 'png/logo-512.png', 'black/logo-256.png'],
  beta: ['favicon.ico', 'site.webmanifest'],
};

/**
 * A recipe runner that writes real files into a cache folder, as the pipeline does; bytes are
 * derived from (logo, recipe, path) so every file is different and checkable.
 */
export function fileRunner(
  cacheDir: string,
  fail: (logo: Logo, recipe: string) => boolean = () => false,
): RecipeRunner & { calls: number } {
  const runner = {
    calls: 0,
    async produce(target: Logo, recipe: string): Promise<readonly ProducedFile[]> {
      runner.calls++;
      if (fail(target, recipe)) throw new MarqueError('DECODE_FAILED', `recipe ${recipe} broke on purpose`);
      const paths = RECIPE_FILES[recipe];
      if (!paths) throw new MarqueError('NOT_FOUND', `no recipe ${recipe}`);
      const out: ProducedFile[] = [];
      for (const path of paths) {
        const source = join(cacheDir, target.id, recipe, ...path.split('/'));
        const bytes = Buffer.from(`${target.id}:${recipe}:${path}:`.repeat(50));
        await mkdir(dirname(source), { recursive: true });
        await writeFile(source, bytes);
        out.push({ path, source, bytes: bytes.length });
      }
      return out;
    },
  };
  return runner;
}

export function exportService(
  logos: readonly Logo[],
  runner: RecipeRunner,
  tempDir: string,
  now = new Date(2026, 10, 22, 12),
) {
  const byId = new Map(logos.map((l) => [l.id, l]));
  const events = new EventHub();
  const progress: ExportProgress[] = [];
  const activity: ExportActivity[] = [];
  events.subscribe((name, payload) => {
    if (name === 'exports.progress') progress.push(payload as ExportProgress);
  });
  const service = new ExportService({
    library: {
      get(id: string) {
        const found = byId.get(id);
        if (!found) throw new MarqueError('NOT_FOUND', `no logo ${id}`);
        return found;
      },
    },
    runner,
    events,
    activity: { recordActivity: (record: ExportActivity) => activity.push(record) },
    tempDir,
    now: () => now,
  });
  return { service, progress, activity };
}

/** Every file below `root`, as '/'-separated relative paths, sorted. */
export async function listTree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

export async function sha256Of(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}
