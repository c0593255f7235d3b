/**
 * Real logos (simple-icons and @iconify-json/logos marks, as SVG files and PNG renders) through
 * the real import: every one imports, each gets a 256 px thumbnail and a 1024 px preview, and
 * importing the same folder again adds nothing.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import type { ImportReport } from '../../../src/shared/domain.ts';
import { type Corpus, writeCorpus } from '../../helpers/corpus.ts';
import { scaled } from '../../helpers/scale.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** The first marks of the corpus in the fast loop; 200 files in the slow project. */
const SVGS = scaled(12, 120);
const PNGS = scaled(8, 80);

let dir: { path: string; cleanup: () => Promise<void> };
let studio: Studio;
let corpus: Corpus;
let first: ImportReport;

beforeAll(async () => {
  dir = await tempDir('marque-corpus-');
  corpus = await writeCorpus(join(dir.path, 'logos'), { svgs: SVGS, pngs: PNGS });
  studio = await createStudio({ dataDir: join(dir.path, 'data'), intakeProcesses: 2 });
  first = await studio.library.importPaths([join(dir.path, 'logos')]);
}, 180_000);

afterAll(async () => {
  await studio?.close();
  await dir?.cleanup();
});

describe('import of a real logo corpus', () => {
  it('imports every logo of the folder', () => {
    const failures = first.outcomes.flatMap((o) => (o.status === 'failed' ? [o.message] : []));
    expect(failures).toEqual([]);
    expect(first.imported).toBe(SVGS + PNGS);
    expect(first.outcomes.filter((o) => o.status === 'imported' && o.logo.format === 'svg')).toHaveLength(SVGS);
    expect(first.outcomes.filter((o) => o.status === 'imported' && o.logo.format === 'png')).toHaveLength(PNGS);
    const rows = (studio.db.prepare('SELECT count(*) AS n FROM logos').get() as { n: number }).n;
    expect(rows).toBe(SVGS + PNGS);
  });

  it('makes a 256 px WebP thumbnail and a WebP preview of at most 1024 px for each', async () => {
    for (const outcome of first.outcomes.slice(0, 400)) {
      if (outcome.status !== 'imported') continue;
      const { hash, format, width, height } = outcome.logo;
      const thumb = await sharp(studio.cache.pathOf('thumbs', `${hash}-256.webp`)).metadata();
      expect(thumb.format).toBe('webp');
      expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBe(256);
      const preview = await sharp(studio.cache.pathOf('previews', `${hash}-1024.webp`)).metadata();
      expect(preview.format).toBe('webp');
      const side = Math.max(preview.width ?? 0, preview.height ?? 0);
      // Vectors are rendered at 1024; rasters are never enlarged.
      expect(side).toBe(format === 'svg' ? 1024 : Math.min(1024, Math.max(width, height)));
    }
  });

  it('stores each master once and the SVG masters render to the same size the logo reports', async () => {
    const svg = first.outcomes.find((o) => o.status === 'imported' && o.logo.format === 'svg');
    if (svg?.status !== 'imported') throw new Error('no svg');
    const meta = await sharp(studio.store.pathOf(svg.logo.hash)).metadata();
    expect([meta.width, meta.height]).toEqual([svg.logo.width, svg.logo.height]);
    const blobs = (studio.db.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n;
    expect(blobs).toBe(SVGS + PNGS);
  });

  it('adds nothing when the same folder is imported again', async () => {
    const before = await countFiles(join(dir.path, 'data', 'store'));
    const again = await studio.library.importPaths([join(dir.path, 'logos'), ...corpus.files.slice(0, 5)]);
    expect(again.imported).toBe(0);
    expect(again.failed).toBe(0);
    expect(again.duplicates).toBe(SVGS + PNGS + 5);
    for (const outcome of again.outcomes) {
      const original = first.outcomes.find((o) => o.path === outcome.path);
      expect(
        outcome.status === 'duplicate' && original?.status === 'imported' && outcome.logo.id === original.logo.id,
      ).toBe(true);
    }
    const rows = (studio.db.prepare('SELECT count(*) AS n FROM logos').get() as { n: number }).n;
    expect(rows).toBe(SVGS + PNGS);
    expect(await countFiles(join(dir.path, 'data', 'store'))).toBe(before);
    expect(studio.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 180_000);
});

async function countFiles(root: string): Promise<number> {
  let n = 0;
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && (await stat(join(entry.parentPath, entry.name))).size > 0) n++;
  }
  return n;
}
