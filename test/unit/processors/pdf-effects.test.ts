/**
 * Effects PDF vectors cannot carry: a filter (a blur, a glow) or a mask that is more than a clip.
 * The full-colour PDF drew the shapes under them plain and warned (Iconify's rolldown icon, its
 * glow a blurred group under a soft mask: 22 % of pixels off). Now each such part is an effect
 * island: librsvg draws it, in its context (transform, opacity, clips, inherited style), at print
 * resolution, and the PDF places that bitmap where the shapes were, as Illustrator rasterises
 * effects. Plates still print the plain shapes and say so.
 */
import { describe, expect, it } from 'vitest';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { separations } from '../../../src/main/core/pipeline/processors/separations/separations-processor.ts';
import { effectCount } from '../../../src/main/core/pipeline/processors/svg/art.ts';
import { parseSvgArt } from '../../../src/main/core/pipeline/processors/svg/parse-svg.ts';
import { iconifySvg } from './artwork-corpus.ts';
import { context, svgInput } from './helpers.ts';
import { hasImageXObject, loadPdf } from './pdf-fixtures.ts';
import { compareRenders, renderPdf, renderSvg, rgbAt } from './render-compare.ts';

/**
 * A dark square with a blurred red glow behind it, inside a moved, half-clipped, translucent group
 * whose fill the glow inherits: every piece of context the island must carry.
 */
const GLOW_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
  <defs>
    <filter id="blur" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="6"/></filter>
    <clipPath id="left"><rect width="150" height="100"/></clipPath>
  </defs>
  <g transform="translate(20 0)" opacity="0.9" clip-path="url(#left)" fill="#e53935">
    <rect x="40" y="20" width="60" height="60" filter="url(#blur)"/>
    <rect x="50" y="30" width="40" height="40" fill="#1a237e"/>
  </g>
</svg>`;

async function fullColour(svg: string, name: string) {
  const result = await pdf.run(await svgInput(svg, name), pdf.options.parse({ variants: ['full-color'] }), context());
  const bytes = result.files[0]?.bytes;
  if (!bytes) throw new Error('no full-colour PDF');
  return { bytes, warnings: (result.facts as { warnings: string[] }).warnings };
}

describe('filters and masks in the full-colour PDF', () => {
  it('draws a blurred glow in its context as librsvg does', async () => {
    const { bytes, warnings } = await fullColour(GLOW_SVG, 'glow');
    // Drawn, at print resolution: nothing to say about the blur.
    expect(warnings.join('\n')).not.toMatch(/filter|ppi/);
    const master = await renderSvg(GLOW_SVG, 400, 200);
    const output = await renderPdf(bytes, 400, 200);
    // The soft halo just outside the red square's edge: reddish in both, where a plain square
    // would leave paper (x 120 is 2 units left of the square, in the moved group).
    for (const image of [master, output]) {
      const [r, g] = rgbAt(image, 115, 100);
      expect(r).toBeGreaterThan(g + 30);
    }
    expect(compareRenders(master, output).badShare).toBeLessThan(0.02);
  });

  it("keeps rolldown's glow", async () => {
    const svg = iconifySvg('rolldown-icon');
    const { bytes, warnings } = await fullColour(svg, 'rolldown');
    expect(warnings).toEqual([]);
    const comparison = compareRenders(await renderSvg(svg, 240, 147), await renderPdf(bytes, 240, 147));
    expect(comparison.badShare).toBeLessThan(0.03);
  });

  it('makes at most 32 effect islands, each a full render, and says what it left plain', () => {
    const rects = Array.from(
      { length: 40 },
      (_, i) => `<rect x="${(i % 8) * 12}" y="${Math.floor(i / 8) * 12}" width="10" height="10" filter="url(#blur)"/>`,
    ).join('');
    const art = parseSvgArt(
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 60"><filter id="blur"><feGaussianBlur stdDeviation="1"/></filter>${rects}</svg>`,
    );
    expect(effectCount(art)).toBe(32);
    expect(art.items.filter((item) => item.fill).length).toBe(40);
    expect(art.warnings).toEqual(['more than 32 filters or masks: the rest drawn without their effect']);
  });

  it('draws effects plain in a spot-colour PDF, where every colour is one ink, and says so', async () => {
    const result = await pdf.run(
      await svgInput(GLOW_SVG, 'glow'),
      pdf.options.parse({ variants: ['full-color'], color: 'spot' }),
      context(),
    );
    const warnings = (result.facts as { warnings: string[] }).warnings.join('\n');
    expect(warnings).toMatch(/without their effect in spot colours/);
    expect(warnings).not.toMatch(/process CMYK/);
    const bytes = result.files[0]?.bytes;
    if (!bytes) throw new Error('no full-colour PDF');
    expect(hasImageXObject((await loadPdf(bytes)).getPage(0))).toBe(false);
  });

  it('says the plates print the shapes without the effect', async () => {
    const result = await separations.run(
      await svgInput(GLOW_SVG, 'glow'),
      separations.options.parse({ type: 'process', printWidthMm: 60 }),
      context(),
    );
    expect((result.facts as { warnings: string[] }).warnings.join('\n')).toMatch(
      /Filters and masks .* without their effect on the plates/,
    );
  });
});
