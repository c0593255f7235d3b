/**
 * A vector master that holds a bitmap: a placed <image>, or an effect a PDF master's maker
 * rasterised (rsvg-convert draws a filtered shape as a 72 dpi bitmap; pdf.js hands it over in
 * strips). The full-colour PDF drew every shape but left the bitmaps out (Google+'s PDF master
 * came out blank: 91 % of its pixels off), and the black PDF had nothing to draw. Now the bitmap
 * is a CMYK image in the full-colour PDF, in its stacking order; the one-colour versions trace
 * the render; a bitmap too coarse for print, and plates that cannot carry it, are said so.
 */
import { PDFDict, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { separations } from '../../../src/main/core/pipeline/processors/separations/separations-processor.ts';
import { parseSvgArt } from '../../../src/main/core/pipeline/processors/svg/parse-svg.ts';
import { context, svgInput } from './helpers.ts';
import { loadPdf } from './pdf-fixtures.ts';
import { renderPdf, renderSvg, rgbAt } from './render-compare.ts';

/** A 64 x 32 bitmap: its left half opaque blue, its right half transparent. */
async function halfBlue(): Promise<string> {
  const png = await sharp({
    create: { width: 64, height: 32, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .composite([
      {
        input: { create: { width: 32, height: 32, channels: 4, background: { r: 21, g: 101, b: 192, alpha: 1 } } },
        left: 0,
        top: 0,
      },
    ])
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

/**
 * A red vector square, the bitmap fitted (meet) into a 100 x 60 viewport, so it lands at x 80-180,
 * y 25-75 (blue left of x 130), and a yellow square drawn over the bitmap.
 */
async function masterWithBitmap(): Promise<string> {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
  <rect x="0" y="20" width="60" height="60" fill="#d32f2f"/>
  <image x="80" y="20" width="100" height="60" href="${await halfBlue()}"/>
  <rect x="115" y="40" width="10" height="20" fill="#fdd835"/>
</svg>`;
}

const blue = ([r, , b]: readonly number[]): boolean => (b as number) > 120 && (b as number) > (r as number) + 60;
const white = (rgb: readonly number[]): boolean => rgb.every((channel) => channel > 235);

describe('a vector master holding a bitmap', () => {
  it('parses the <image> as a bitmap in its viewport, and names an image it cannot draw', async () => {
    const art = parseSvgArt(await masterWithBitmap());
    const bitmaps = art.items.filter((item) => item.bitmap);
    expect(bitmaps).toHaveLength(1);
    expect(bitmaps[0]?.bitmap).toMatchObject({ x: 80, y: 20, width: 100, height: 60, source: { mime: 'image/png' } });
    expect(art.items.indexOf(bitmaps[0] as (typeof art.items)[number])).toBe(1);
    expect(art.warnings).toEqual([]);
    const svgImage = parseSvgArt(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image width="10" height="10" href="data:image/svg+xml;base64,PHN2Zy8+"/></svg>',
    );
    expect(svgImage.items).toHaveLength(0);
    expect(svgImage.warnings.join()).toMatch(/not PNG, JPEG, WebP or GIF/);
  });

  it('draws the bitmap in the full-colour PDF as a CMYK image, in stacking order, as librsvg shows it', async () => {
    const svg = await masterWithBitmap();
    const result = await pdf.run(
      await svgInput(svg, 'badge'),
      pdf.options.parse({ variants: ['full-color'] }),
      context(),
    );
    const bytes = result.files[0]?.bytes;
    if (!bytes) throw new Error('no full-colour PDF');
    const master = await renderSvg(svg, 400, 200);
    const output = await renderPdf(bytes, 400, 200);
    // The bitmap's blue half, its transparent half, and the yellow square over it.
    expect(blue(rgbAt(master, 200, 100))).toBe(true);
    expect(blue(rgbAt(output, 200, 100))).toBe(true);
    expect(white(rgbAt(output, 300, 100))).toBe(true);
    const [r, g, b] = rgbAt(output, 240, 100);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeGreaterThan(180);
    expect(b).toBeLessThan(120);
    // The image is DeviceCMYK (a press's colours, like every shape), its alpha a soft mask.
    const page = (await loadPdf(bytes)).getPage(0);
    const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
    const images = (xobjects?.entries() ?? []).map(([, ref]) => {
      const stream = page.doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) throw new Error('an XObject that is not a stream');
      return stream.dict;
    });
    expect(images).toHaveLength(1);
    expect(images[0]?.get(PDFName.of('ColorSpace'))).toEqual(PDFName.of('DeviceCMYK'));
    expect(images[0]?.get(PDFName.of('Width'))?.toString()).toBe('64');
    expect(images[0]?.has(PDFName.of('SMask'))).toBe(true);
    // 64 pixels over 75 points: 61 ppi, too coarse for print.
    expect((result.facts as { warnings: string[] }).warnings.join('\n')).toMatch(
      /print at 61 ppi at this size at the coarsest, under the 300/,
    );
  });

  it('traces the render for the black PDF, so the bitmap is ink there too', async () => {
    const svg = await masterWithBitmap();
    const result = await pdf.run(await svgInput(svg, 'badge'), pdf.options.parse({ variants: ['black'] }), context());
    expect((result.facts as { oneColour: string }).oneColour).toBe('traced');
    const bytes = result.files[0]?.bytes;
    if (!bytes) throw new Error('no black PDF');
    const output = await renderPdf(bytes, 400, 200);
    expect(Math.max(...rgbAt(output, 200, 100))).toBeLessThan(60);
    expect(white(rgbAt(output, 300, 100))).toBe(true);
  });

  it('says the plates leave the bitmap out', async () => {
    const result = await separations.run(
      await svgInput(await masterWithBitmap(), 'badge'),
      separations.options.parse({ type: 'process', printWidthMm: 60 }),
      context(),
    );
    expect((result.facts as { warnings: string[] }).warnings.join('\n')).toMatch(/bitmap .* left off the plates/);
  });
});
