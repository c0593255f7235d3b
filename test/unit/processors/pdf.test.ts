import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDict, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import {
  context,
  count,
  crop,
  file,
  hasImageXObject,
  inkMask,
  iou,
  loadPdf,
  MM,
  PALETTE,
  pageContent,
  renderPages,
  separationNames,
  softMaskContents,
  svgInput,
  THREE_INK_SVG,
  tempDir,
} from './pdf-fixtures.ts';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir();
});
afterEach(() => temp.dispose());

/** The colour pdftoppm renders at a fraction `x` of the page's width, half-way down. */
async function rgbAcrossMiddle(bytes: Uint8Array, x: number): Promise<number[]> {
  const path = join(temp.dir, `across-${x}.pdf`);
  writeFileSync(path, bytes);
  execFileSync('pdftoppm', ['-r', '96', '-png', '-singlefile', path, path]);
  const { data, info } = await sharp(`${path}.png`).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (Math.round(info.height / 2) * info.width + Math.round(x * info.width)) * 3;
  return [data[offset] as number, data[offset + 1] as number, data[offset + 2] as number];
}

describe('pdf recipe', () => {
  it('writes one vector PDF per colourway at the artboard size plus margin, with metadata', async () => {
    const result = await pdf.run(svgInput(), pdf.options.parse({ marginMm: 5 }), context);
    expect(result.files.map((entry) => entry.path)).toEqual(['full-color.pdf', 'black.pdf', 'reversed.pdf']);
    for (const entry of result.files) {
      const document = await loadPdf(entry.bytes);
      expect(document.getPageCount()).toBe(1);
      const page = document.getPage(0);
      const box = page.getMediaBox();
      expect(box.width).toBeCloseTo(90 * MM, 2);
      expect(box.height).toBeCloseTo(50 * MM, 2);
      // The artboard is the TrimBox, inside the 5 mm margin.
      const trim = page.getTrimBox();
      expect([trim.x, trim.y, trim.width, trim.height].map((value) => Math.round(value / MM))).toEqual([5, 5, 80, 40]);
      expect(document.getTitle()).toContain('Acme');
      expect(document.getCreator()).toBe('Marque');
      // One-colour pages draw one outline whose holes are geometry (the fixture has a white hole):
      // no soft mask; the full-colour page keeps the master's Bézier curves.
      const content = [pageContent(page), ...softMaskContents(page)].join('\n');
      if (entry.path === 'full-color.pdf') expect(content).toMatch(/\sc\n/);
      else expect(softMaskContents(page)).toEqual([]);
      // Lines and fills: real vector paths, and no image anywhere.
      expect(content).toMatch(/\s(l|h)\n/);
      expect(content).toMatch(/\n(f|f\*|B|S)\n/);
      expect(hasImageXObject(page)).toBe(false);
      expect(content).not.toMatch(/\/Im\d|\sDo\n/);
    }
  });

  it('uses CMYK colours (k operators), and spot inks as Separation spaces named after the palette', async () => {
    const cmyk = await pdf.run(svgInput(), pdf.options.parse({ variants: ['full-color'] }), context);
    const cmykPage = (await loadPdf(file(cmyk, 'full-color.pdf'))).getPage(0);
    const content = pageContent(cmykPage);
    // Through the built-in press profile (relative colorimetric + BPC, LittleCMS; Ghostscript
    // gives the same within 0.5 %): #ffcc00 is C0 M10.4 Y90.2 K4.6, #0055a4 C89.8 M59.1 Y0 K2.1.
    expect(content).toContain('0 0.104 0.902 0.046 k');
    expect(content).toContain('0.898 0.591 0 0.021 k');
    expect(content).not.toMatch(/\srg\n/);
    expect(separationNames(cmykPage)).toEqual([]);

    const spot = await pdf.run(
      svgInput(),
      pdf.options.parse({ variants: ['full-color'], color: 'spot', palette: PALETTE }),
      context,
    );
    const spotPage = (await loadPdf(file(spot, 'full-color.pdf'))).getPage(0);
    expect(separationNames(spotPage)).toEqual(PALETTE.map((entry) => entry.name).sort());
    expect(pageContent(spotPage)).toMatch(/\/Sep\d+ cs 1 scn/);
  });

  it('names spot inks after the master colours when no palette is given', async () => {
    const spot = await pdf.run(svgInput(), pdf.options.parse({ variants: ['full-color'], color: 'spot' }), context);
    const page = (await loadPdf(file(spot, 'full-color.pdf'))).getPage(0);
    expect(separationNames(page)).toEqual(['Spot 0055A4', 'Spot E30613', 'Spot FFCC00']);
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const options = pdf.options.parse({ color: 'spot' });
    const first = await pdf.run(svgInput(), options, context);
    const second = await pdf.run(svgInput(), options, context);
    for (const [i, entry] of first.files.entries())
      expect(Buffer.from(entry.bytes).equals(Buffer.from(second.files[i]?.bytes ?? []))).toBe(true);
  });

  it('renders (pdftoppm) to the logo: full colour matches the ink mask, black is black, reversed is white on dark', async () => {
    const result = await pdf.run(svgInput(), pdf.options.parse({ widthMm: 80 }), context);
    const dpi = 100;
    const [full] = await renderPages(file(result, 'full-color.pdf'), dpi, temp.dir);
    const [black] = await renderPages(file(result, 'black.pdf'), dpi, temp.dir);
    const [reversed] = await renderPages(file(result, 'reversed.pdf'), dpi, temp.dir);
    if (!full || !black || !reversed) throw new Error('pages missing');
    expect(full.width).toBe(Math.round((80 / 25.4) * dpi));
    const reference = await inkMask(THREE_INK_SVG, full.width, full.height);
    // Full colour: every ink is darker than 240 grey (yellow is the lightest at about 200).
    expect(iou(crop(full, 0, 0, full.width, full.height, 235), reference)).toBeGreaterThan(0.97);
    // One colour: the same shapes, solid black (the white hole stays paper).
    expect(iou(crop(black, 0, 0, black.width, black.height, 60), reference)).toBeGreaterThan(0.97);
    // Reversed: the page is dark except where the logo is; the logo is white.
    const light = crop(reversed, 0, 0, reversed.width, reversed.height, 128).map((dark) => 1 - dark);
    expect(iou(light, reference)).toBeGreaterThan(0.97);
    expect(count(light)).toBeLessThan(reversed.width * reversed.height);
  });

  it('sizes a unitless SVG as CSS px and strokes an open path', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M1 5H9" fill="none" stroke="#000" stroke-width="0.5"/></svg>';
    const result = await pdf.run(svgInput(svg, 'Line'), pdf.options.parse({ variants: ['black'] }), context);
    const document = await loadPdf(file(result, 'black.pdf'));
    const box = document.getPage(0).getMediaBox();
    // viewBox units without width/height are CSS px: 10 px = 7.5 pt.
    expect(box.width).toBeCloseTo(7.5, 3);
    expect(pageContent(document.getPage(0))).toMatch(/\nS\n/);
    expect(document.getPage(0).node.get(PDFName.of('MediaBox'))).toBeDefined();
  });

  it('keeps gradients as CMYK shadings in full colour (bounding-box units), flat elsewhere', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50"><defs>' +
      '<linearGradient id="g"><stop offset="0" stop-color="#ff0000"/><stop offset="1" stop-color="#0000ff"/></linearGradient></defs>' +
      '<rect x="10" y="10" width="80" height="30" fill="url(#g)"/></svg>';
    const result = await pdf.run(
      svgInput(svg, 'Ramp'),
      pdf.options.parse({ variants: ['full-color', 'black'] }),
      context,
    );
    const document = await loadPdf(file(result, 'full-color.pdf'));
    const pattern = document.getPage(0).node.Resources()?.lookupMaybe(PDFName.of('Pattern'), PDFDict);
    expect(pattern?.entries().length).toBe(1);
    const text = Buffer.from(file(result, 'full-color.pdf')).toString('latin1');
    expect(text).toMatch(/\/ShadingType 2/);
    expect(text).toMatch(/\/ColorSpace \/DeviceCMYK/);
    // Rendered: red (C0 M100 Y100) on the left of the rect, blue (C100 M100) on the right.
    const [r1, , b1] = await rgbAcrossMiddle(file(result, 'full-color.pdf'), 0.12);
    const [r2, , b2] = await rgbAcrossMiddle(file(result, 'full-color.pdf'), 0.88);
    expect(r1).toBeGreaterThan(180);
    expect(b1).toBeLessThan(120);
    expect(b2).toBeGreaterThan(r2 ?? 255);
    // One colour: the gradient shape is solid black, no shading.
    expect(Buffer.from(file(result, 'black.pdf')).toString('latin1')).not.toMatch(/ShadingType/);
  });

  it('holds the end colours of a gradient before its first stop and after its last, as SVG does', async () => {
    // Red until 60 % of the width, blue from 80 %: the middle of the rect is pure red, not a blend
    // (pdfkit alone stretches the two stops over the whole length).
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50"><defs>' +
      '<linearGradient id="g"><stop offset=".6" stop-color="#ff0000"/><stop offset=".8" stop-color="#0000ff"/></linearGradient></defs>' +
      '<rect x="0" y="0" width="100" height="50" fill="url(#g)"/></svg>';
    const result = await pdf.run(svgInput(svg, 'Late ramp'), pdf.options.parse({ variants: ['full-color'] }), context);
    const [r1 = 0, , b1 = 255] = await rgbAcrossMiddle(file(result, 'full-color.pdf'), 0.5);
    const [r2 = 255, , b2 = 0] = await rgbAcrossMiddle(file(result, 'full-color.pdf'), 0.95);
    expect(r1).toBeGreaterThan(180);
    expect(b1).toBeLessThan(80);
    expect(b2).toBeGreaterThan(r2);
  });

  it('ends a large gradient to black in rich black, as a flat fill of its size', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100"><defs>' +
      '<linearGradient id="g" x2="0" y2="1"><stop offset="0" stop-color="#888888"/><stop offset="1" stop-color="#000000"/></linearGradient></defs>' +
      '<rect width="100" height="100" fill="url(#g)"/></svg>';
    const result = await pdf.run(
      svgInput(svg, 'Dark square'),
      pdf.options.parse({ variants: ['full-color'], widthMm: 60 }),
      context,
    );
    const text = Buffer.from(file(result, 'full-color.pdf')).toString('latin1');
    const ends = [...text.matchAll(/\/C1 \[([^\]]*)\]/g)].map((m) => (m[1] ?? '').trim().split(/\s+/).map(Number));
    expect(ends).toHaveLength(1);
    const [c = 0, m = 0, y = 0, k = 0] = ends[0] ?? [];
    // Pure K alone prints a dark grey over a 60 mm square; rich black adds other inks under it.
    expect(k).toBeGreaterThan(0.9);
    expect(c + m + y).toBeGreaterThan(0.1);
  });

  it('draws raster logos from their trace: vector paths, no embedded image', async () => {
    const png = await sharp(Buffer.from(THREE_INK_SVG), { density: 150 }).png().toBuffer();
    const meta = await sharp(png).metadata();
    const input = {
      master: new Uint8Array(png),
      format: 'png' as const,
      isVector: false,
      width: meta.width ?? 0,
      height: meta.height ?? 0,
      name: 'Bitmap',
    };
    const result = await pdf.run(
      input,
      pdf.options.parse({ variants: ['full-color'], color: 'spot', widthMm: 80 }),
      context,
    );
    expect(result.facts?.source).toBe('trace');
    const page = (await loadPdf(file(result, 'full-color.pdf'))).getPage(0);
    expect(hasImageXObject(page)).toBe(false);
    expect(pageContent(page)).toMatch(/\sc\n/);
    expect(separationNames(page)).toHaveLength(3);
    const [rendered] = await renderPages(file(result, 'full-color.pdf'), 100, temp.dir);
    if (!rendered) throw new Error('no page');
    const reference = await inkMask(THREE_INK_SVG, rendered.width, rendered.height);
    expect(iou(crop(rendered, 0, 0, rendered.width, rendered.height, 235), reference)).toBeGreaterThan(0.95);
  });

  it('refuses a logo with nothing painted, naming it', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="none"/></svg>';
    await expect(pdf.run(svgInput(svg, 'Empty'), pdf.options.parse({}), context)).rejects.toThrow(
      /Empty: the logo has no painted shapes/,
    );
  });
});
