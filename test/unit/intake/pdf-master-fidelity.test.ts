/**
 * Issue 12: a PDF master (rsvg-convert -f pdf of a real logo, read back as the import does) must
 * give the outputs its SVG master gives. Each case is a devicon logo whose PDF form the artwork
 * bench found far off its SVG form; each asserts a pixel comparison against librsvg's render of
 * the original SVG.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfFirstPageToSvg } from '../../../src/main/core/intake/pdf/pdf-to-svg.ts';
import { sanitizeSvg } from '../../../src/main/core/intake/svg-sanitize.ts';
import { referenceInk, referenceIoU } from '../../../src/main/core/pipeline/processors/artwork/one-colour-mask.ts';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { colorFidelity } from '../../../src/main/core/pipeline/processors/vector/fidelity.ts';
import { deviconSvg, iconifySvg } from '../processors/artwork-corpus.ts';
import { context, decode, svgInput } from '../processors/helpers.ts';
import { compareRenders, ghostscriptRgba, renderPdf, renderSvg } from '../processors/render-compare.ts';

const MAX_PIXELS = 40_000_000;

/** librsvg's render of an SVG at size x size, transparent where there is no art. */
async function renderRgba(svg: string, size: number) {
  const png = await sharp(Buffer.from(svg), { density: 288 }).resize(size, size, { fit: 'fill' }).png().toBuffer();
  return decode(new Uint8Array(png));
}

/** Ghostscript's render with alpha: what a cutter or a layout program sees as covered. */
const ghostscript = (bytes: Uint8Array, size: number) => ghostscriptRgba(bytes, size, size);
const dir = mkdtempSync(join(tmpdir(), 'marque-pdf-fidelity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The logo as a PDF master: converted by librsvg (cairo), imported and sanitised as the import does. */
async function pdfMaster(svg: string): Promise<{ svg: string; warnings: readonly string[] }> {
  writeFileSync(join(dir, 'in.svg'), svg);
  execFileSync('rsvg-convert', ['-f', 'pdf', '-o', join(dir, 'in.pdf'), join(dir, 'in.svg')]);
  const vector = await pdfFirstPageToSvg(readFileSync(join(dir, 'in.pdf')), 'in.pdf', MAX_PIXELS);
  const clean = await sanitizeSvg(vector.svg, 'in.pdf', { maxEmbeddedPixels: MAX_PIXELS });
  return { svg: clean.svg, warnings: vector.warnings };
}

describe('PDF master fidelity (issue 12)', () => {
  it('azure: a shadow fading out (a soft mask of five greys over two black stops) stays a fading gradient', async () => {
    // cairo writes the shadow's stop opacities as a luminosity soft mask whose gradient has other
    // stops than the colour gradient it fades; the import kept a mask, which the vector recipes
    // ignore: the full-colour PDF drew the shadow solid black (28.6 % of pixels off by L* > 20).
    const original = deviconSvg('azure');
    const master = await pdfMaster(original);
    expect(master.svg).not.toContain('<mask');
    const result = await pdf.run(
      await svgInput(master.svg, 'azure'),
      pdf.options.parse({ variants: ['full-color'] }),
      context(),
    );
    const rendered = await renderPdf(result.files[0]?.bytes as Uint8Array, 256, 256);
    const { badShare } = compareRenders(await renderSvg(original, 256, 256), rendered);
    expect(badShare).toBeLessThan(0.005);
  });

  it('hoppscotch: a soft-light sheen keeps its blend mode (librsvg render of the master)', async () => {
    // pdf.js hands the PDF's /BM /SoftLight to the canvas as 'soft-light'; drawn as normal, the
    // white sheen covered the mark, and the traces of the PDF master (made from its librsvg render)
    // fell to IoU 0.946 and ΔE 4.9.
    const original = deviconSvg('hoppscotch');
    const master = await pdfMaster(original);
    expect(master.svg).toContain('mix-blend-mode:soft-light');
    expect(master.warnings).toEqual([]);
    const { badShare } = compareRenders(await renderSvg(original, 256, 256), await renderSvg(master.svg, 256, 256));
    expect(badShare).toBeLessThan(0.005);
  });

  it("photonengine: a shading under its shape's clip becomes the shape, and the black PDF keeps its gaps", async () => {
    // pdf.js paints a shading (`sh`, cairo's gradient fill) as a huge rectangle under the shape's
    // clip; kept so, the black PDF drew the clip and a rectangle, which Ghostscript grows by a pixel
    // at every edge: the rays' gaps closed (ink IoU 0.945, 0.9996 on the SVG master).
    const original = deviconSvg('photonengine');
    const master = await pdfMaster(original);
    expect(master.svg).not.toContain('<clipPath');
    const result = await pdf.run(
      await svgInput(master.svg, 'photon'),
      pdf.options.parse({ variants: ['black'] }),
      context(),
    );
    const size = 512;
    const reference = referenceInk(await renderRgba(original, size));
    const rendered = await ghostscript(result.files[0]?.bytes as Uint8Array, size);
    expect(referenceIoU(reference, (i) => (rendered.data[i * 4 + 3] as number) >= 128)).toBeGreaterThan(0.99);
  });

  it('lovable (Iconify): an image alpha mask becomes its traced outline, a clip every recipe draws', async () => {
    // cairo rasterises the heart-shaped mask over four gradients into a 192 x 196 image, used as
    // an /Alpha soft mask. The import wrote it as a luminance mask of a black image: librsvg drew
    // nothing (74 % of pixels off), and the vector recipes ignored the mask (gradient rectangles).
    const original = iconifySvg('lovable-icon');
    const master = await pdfMaster(original);
    expect(master.svg).not.toContain('<image');
    expect(master.svg).not.toContain('<mask');
    expect(master.warnings).toContain('an image soft mask traced to an outline (soft edges made sharp)');
    const reference = await renderSvg(original, 256, 256);
    expect(compareRenders(reference, await renderSvg(master.svg, 256, 256)).badShare).toBeLessThan(0.01);
    // The full-colour PDF (CMYK: the press profile moves these saturated oranges on both forms)
    // as the SVG master's own.
    const fullColour = async (svg: string) => {
      const result = await pdf.run(
        await svgInput(svg, 'lovable'),
        pdf.options.parse({ variants: ['full-color'] }),
        context(),
      );
      return renderPdf(result.files[0]?.bytes as Uint8Array, 256, 256);
    };
    expect(compareRenders(await fullColour(original), await fullColour(master.svg)).badShare).toBeLessThan(0.01);
  });

  it('microsoftsqlserver wordmark: the black PDF of the PDF master follows the shading as the SVG master does', async () => {
    // Its grey-to-white swoosh crosses the one-colour threshold: both forms draw the bilevel trace
    // of the master's render (58de64d). Issue 12 reported ink IoU 0.775 on the PDF form (0.837 on
    // the SVG form); on 58de64d the bench measures 0.991 on both. This keeps it so.
    const original = deviconSvg('microsoftsqlserver', 'original-wordmark');
    const master = await pdfMaster(original);
    const result = await pdf.run(
      await svgInput(master.svg, 'sql'),
      pdf.options.parse({ variants: ['black'] }),
      context(),
    );
    const size = 512;
    const reference = referenceInk(await renderRgba(original, size));
    const rendered = await ghostscript(result.files[0]?.bytes as Uint8Array, size);
    expect(referenceIoU(reference, (i) => (rendered.data[i * 4 + 3] as number) >= 128)).toBeGreaterThan(0.98);
  });

  it("jekyll wordmark: masks of one alpha (the letters' 30 % and 50 % shading) become opacities, not lost", async () => {
    // librsvg writes each <mask> of a flat fill-opacity as an image /Alpha soft mask of one value.
    // Traced at half opacity, the 30 % ones were empty and their shading dropped without a word
    // (colour ΔE76 2.4 between the PDF and SVG masters' renders, 0.2 now).
    const original = deviconSvg('jekyll', 'original-wordmark');
    const master = await pdfMaster(original);
    expect(master.svg).toMatch(/opacity="0\.3\d*"/);
    // The tube's bubbles sit under soft masks never half opaque: kept as faint discs (cut at half
    // their peak, drawn at their mean alpha), and the soft edges made sharp are said.
    expect(master.warnings).toEqual(['an image soft mask traced to an outline (soft edges made sharp)']);
    const size = 512;
    const reference = await renderRgba(original, size);
    const converted = await renderRgba(master.svg, size);
    const mask = new Uint8Array(size * size).map((_, i) => ((reference.data[i * 4 + 3] as number) >= 128 ? 1 : 0));
    expect(colorFidelity(reference, converted, mask).meanColorError).toBeLessThan(0.5);
  });
});
