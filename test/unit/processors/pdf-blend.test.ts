/**
 * mix-blend-mode in the full-colour PDF. devicon's Poetry shades its mark with gradients drawn in
 * multiply and screen; the PDF drew them as normal (21 % of pixels off by L* > 20, with a
 * warning). PDF has the same blend modes (an ExtGState's /BM), so the PDF now blends as librsvg
 * does; plates, which print each ink alone, still paint normally and say so.
 */
import { describe, expect, it } from 'vitest';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { separations } from '../../../src/main/core/pipeline/processors/separations/separations-processor.ts';
import { deviconSvg } from './artwork-corpus.ts';
import { context, svgInput } from './helpers.ts';
import { compareRenders, renderPdf, renderSvg, rgbAt } from './render-compare.ts';

/** Process cyan over process yellow in multiply: green where they overlap, as the inks would mix. */
const MULTIPLY_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
  <rect x="10" y="10" width="110" height="80" fill="#ffed00"/>
  <rect x="80" y="10" width="110" height="80" fill="#0093d0" style="mix-blend-mode:multiply"/>
</svg>`;

describe('blend modes in the full-colour PDF', () => {
  it('multiplies where the master multiplies', async () => {
    const result = await pdf.run(
      await svgInput(MULTIPLY_SVG, 'overlap'),
      pdf.options.parse({ variants: ['full-color'] }),
      context(),
    );
    expect((result.facts as { warnings: string[] }).warnings.join('\n')).not.toMatch(/blend/);
    const bytes = result.files[0]?.bytes;
    if (!bytes) throw new Error('no full-colour PDF');
    const output = await renderPdf(bytes, 200, 100);
    const master = await renderSvg(MULTIPLY_SVG, 200, 100);
    for (const image of [master, output]) {
      const [r, g, b] = rgbAt(image, 100, 50);
      expect(g).toBeGreaterThan(r + 60);
      expect(g).toBeGreaterThan(b + 40);
    }
  });

  it("keeps Poetry's multiply and screen shading", async () => {
    const svg = deviconSvg('poetry');
    const result = await pdf.run(
      await svgInput(svg, 'poetry'),
      pdf.options.parse({ variants: ['full-color'] }),
      context(),
    );
    const bytes = result.files[0]?.bytes;
    if (!bytes) throw new Error('no full-colour PDF');
    const comparison = compareRenders(await renderSvg(svg, 256, 256), await renderPdf(bytes, 256, 256));
    // Poppler shows the PDF's CMYK without the press profile: colours differ a little everywhere.
    expect(comparison.badShare).toBeLessThan(0.05);
  });

  it('says the plates paint blended shapes as normal', async () => {
    const result = await separations.run(
      await svgInput(MULTIPLY_SVG, 'overlap'),
      separations.options.parse({ type: 'process', printWidthMm: 60 }),
      context(),
    );
    expect((result.facts as { warnings: string[] }).warnings.join('\n')).toMatch(/Blend modes .* normal on the plates/);
  });
});
