/**
 * Iconify's lovable icon masks four gradient rectangles (1567 × 267 units) with its heart outline:
 * a <mask> painting one opaque white shape. The mask was ignored (with a warning), so the full-colour
 * PDF showed the rectangles: 22 % of pixels off by L* > 20, black PDF IoU 0.76. Such a mask is the
 * shape's clip path. A mask that is not (greys, gradients, strokes) is an effect island: librsvg
 * draws it as a bitmap in the full-colour PDF (see pdf-effects.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { iconifySvg } from './artwork-corpus.ts';
import { context, svgInput } from './helpers.ts';
import { type Flat, renderPdf, renderSvg } from './render-compare.ts';

/** Share of pixels where one render has ink (not near white) and the other has none. */
function inkDisagreement(a: Flat, b: Flat): number {
  let off = 0;
  const pixels = a.width * a.height;
  for (let i = 0; i < pixels; i++) {
    const inkA = [0, 1, 2].some((c) => (a.rgb[i * 3 + c] as number) < 200);
    const inkB = [0, 1, 2].some((c) => (b.rgb[i * 3 + c] as number) < 200);
    if (inkA !== inkB) off++;
  }
  return off / pixels;
}

describe('an SVG mask that paints one white shape', () => {
  const svg = iconifySvg('lovable-icon');

  it('clips the full-colour and black PDFs to the shape, without the "masks ignored" warning', async () => {
    const result = await pdf.run(
      await svgInput(svg, 'lovable'),
      pdf.options.parse({ variants: ['full-color', 'black'] }),
      context(),
    );
    expect((result.facts as { warnings: string[] }).warnings.join('\n')).not.toMatch(/masks ignored/);
    const master = await renderSvg(svg, 256, 261);
    for (const file of result.files) {
      const rendered = await renderPdf(file.bytes, 256, 261);
      expect(inkDisagreement(master, rendered), file.path).toBeLessThan(0.01);
    }
  });

  it('draws a mask that is not a plain white shape as librsvg does, with no warning', async () => {
    const grey =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><mask id="m"><rect width="100" height="50" fill="#808080"/></mask>' +
      '<rect width="100" height="100" fill="#c00" mask="url(#m)"/></svg>';
    const result = await pdf.run(
      await svgInput(grey, 'grey mask'),
      pdf.options.parse({ variants: ['full-color'] }),
      context(),
    );
    expect((result.facts as { warnings: string[] }).warnings.join('\n')).not.toMatch(/mask/);
    const bytes = result.files[0]?.bytes;
    if (!bytes) throw new Error('no full-colour PDF');
    const rendered = await renderPdf(bytes, 100, 100);
    const master = await renderSvg(grey, 100, 100);
    // The top half a pale red, the bottom half paper, in both.
    for (const image of [master, rendered]) {
      const top = (25 * 100 + 50) * 3;
      const bottom = (75 * 100 + 50) * 3;
      expect(image.rgb[top] as number).toBeGreaterThan((image.rgb[top + 1] as number) + 40);
      expect(image.rgb[top + 1] as number).toBeGreaterThan(100);
      expect(Math.min(...image.rgb.subarray(bottom, bottom + 3))).toBeGreaterThan(245);
    }
  });
});
