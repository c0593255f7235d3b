import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { Studio } from '../../../src/main/core/studio.ts';
import { geometryMismatch, renderPdf, renderSvg } from '../processors/render-compare.ts';

/**
 * Every recipe with its defaults, and the outputs compared between the SVG and the PDF master
 * (rendered: PNGs as they are, PDFs with poppler).
 */
export const RECIPES: readonly { recipe: string; compare: readonly RegExp[] }[] = [
  { recipe: 'thumbnail-png', compare: [/\.png$/] },
  { recipe: 'normalize', compare: [/\.png$/] },
  { recipe: 'remove-bg', compare: [/\.png$/] },
  { recipe: 'palette', compare: [] },
  { recipe: 'trace', compare: [] },
  { recipe: 'trace-color', compare: [] },
  { recipe: 'pdf', compare: [/\.pdf$/] },
  // Plates of equal coverage (a flag's two triangles) may come in either order, so the films are
  // paired with their closest counterpart and the multi-page PDF is left to them.
  { recipe: 'separations', compare: [/^films\//] },
  { recipe: 'favicon', compare: [/512x512\.png$/, /apple-touch-icon/] },
  { recipe: 'social', compare: [/^OG-/, /^X-400x400/] },
  { recipe: 'package', compare: [/_512\.png$/, /\.pdf$/] },
];

/**
 * Runs `recipe` on the logo imported from SVG and on the one imported from its PDF (the real
 * pool), expects both done with the same files, and returns the worst pixel mismatch of the
 * compared files (0 when none is compared).
 */
export async function compareRecipe(
  studio: Studio,
  svgLogoId: string,
  pdfLogoId: string,
  { recipe, compare }: (typeof RECIPES)[number],
): Promise<{ worst: number; compared: number }> {
  const [a, b] = await Promise.all([
    studio.pipeline.runToCompletion(svgLogoId, recipe, {}),
    studio.pipeline.runToCompletion(pdfLogoId, recipe, {}),
  ]);
  expect(b.state).toBe('done');
  // Film names carry each plate's ink colour, which a gradient's sampled stops can move: count those.
  const names = (files: readonly { path: string }[]) =>
    files.map((f) => (f.path.startsWith('films/') ? 'films/*' : f.path)).sort();
  expect(names(b.files)).toEqual(names(a.files));
  let worst = 0;
  let compared = 0;
  const picked = (files: readonly { path: string }[]) =>
    files.filter((f) => compare.some((pattern) => pattern.test(f.path)));
  const others = picked(b.files);
  const render = (path: string, bytes: Buffer) =>
    path.endsWith('.pdf')
      ? renderPdf(bytes, 256, 192)
      : sharp(bytes)
          .png()
          .toBuffer()
          .then((png) => renderSvg(png, 256, 192));
  for (const file of picked(a.files)) {
    const leftBytes = await readFile((await studio.pipeline.outputFile(a.id, file.path)).path);
    const left = await render(file.path, leftBytes);
    // The same file, or for films (ink names may differ) the closest film of the other run.
    const candidates = file.path.startsWith('films/') ? others : others.filter((f) => f.path === file.path);
    let best = Number.POSITIVE_INFINITY;
    for (const other of candidates) {
      const rightBytes = await readFile((await studio.pipeline.outputFile(b.id, other.path)).path);
      // A film is a black-and-white positive at press resolution: compare what would expose, pixel
      // for pixel, not a downsampled grey of its halftone dots (whose levels alias at 256 px).
      best = file.path.startsWith('films/')
        ? Math.min(best, await filmMismatch(leftBytes, rightBytes))
        : Math.min(best, geometryMismatch(left, await render(other.path, rightBytes)));
    }
    worst = Math.max(worst, best);
    compared++;
  }
  return { worst, compared };
}

/** Share of film pixels that expose on one film and not the other (films of the same size). */
async function filmMismatch(a: Buffer, b: Buffer): Promise<number> {
  const [left, right] = await Promise.all(
    [a, b].map((bytes) => sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true })),
  );
  if (!left || !right || left.info.width !== right.info.width || left.info.height !== right.info.height) return 1;
  let differ = 0;
  for (let i = 0; i < left.data.length; i++)
    if ((left.data[i] as number) < 128 !== (right.data[i] as number) < 128) differ++;
  return differ / left.data.length;
}
