import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cmyk, PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { MASK_HOLE, MASK_KEEP } from '../../../src/main/core/pipeline/processors/svg/display-list.ts';
import { displayPageToSvg } from '../../../src/main/core/pipeline/processors/svg/svg-draw.ts';
import { context, file, type Gray, renderPages, svgInput, tempDir } from './pdf-fixtures.ts';

/**
 * A badge (dark circle) with a light bar across it (the "letters"), on the white backdrop
 * rectangle many SVG exports start with. 50 x 50 mm, 100 x 100 user units.
 */
const BADGE = `<svg xmlns="http://www.w3.org/2000/svg" width="50mm" height="50mm" viewBox="0 0 100 100">
  <rect width="100" height="100" fill="#ffffff"/>
  <circle cx="50" cy="50" r="40" fill="#1b2a4a"/>
  <rect x="30" y="42" width="40" height="16" fill="#fff3a0"/>
</svg>`;

/** Where to look, in user units: on the badge, on the light bar, on the backdrop. */
const ON_BADGE = [50, 22] as const;
const ON_BAR = [50, 50] as const;
const ON_BACKDROP = [6, 6] as const;

const DPI = 100;
const PX_PER_UNIT = ((50 / 25.4) * DPI) / 100;

function grey(page: Gray, [x, y]: readonly [number, number]): number {
  return page.data[Math.round(y * PX_PER_UNIT) * page.width + Math.round(x * PX_PER_UNIT)] as number;
}

/** The one-page PDF placed on a 50 % grey page, as a layout program would place a logo. */
async function placedOnGrey(bytes: Uint8Array): Promise<Uint8Array> {
  const layout = await PDFDocument.create();
  const [logo] = await layout.embedPdf(bytes);
  if (!logo) throw new Error('nothing to embed');
  const page = layout.addPage([logo.width, logo.height]);
  page.drawRectangle({ x: 0, y: 0, width: logo.width, height: logo.height, color: cmyk(0, 0, 0, 0.5) });
  page.drawPage(logo, { x: 0, y: 0 });
  return layout.save();
}

/** The darkest channel at a point of the first page rendered in colour (poppler's CMYK to RGB). */
async function darkestChannel(pdfBytes: Uint8Array, [x, y]: readonly [number, number]): Promise<number> {
  const path = join(temp.dir, 'colour.pdf');
  writeFileSync(path, pdfBytes);
  execFileSync('pdftoppm', ['-r', String(DPI), '-png', '-singlefile', path, join(temp.dir, 'colour')]);
  const { data, info } = await sharp(readFileSync(join(temp.dir, 'colour.png')))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (Math.round(y * PX_PER_UNIT) * info.width + Math.round(x * PX_PER_UNIT)) * info.channels;
  return Math.min(...data.subarray(at, at + 3));
}

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir();
});
afterEach(() => temp.dispose());

describe('pdf recipe, one-colour variants', () => {
  it('knocks light details out of the black version as true holes, and leaves the backdrop out', async () => {
    const result = await pdf.run(svgInput(BADGE, 'Badge'), pdf.options.parse({ variants: ['black'] }), context);
    expect(result.facts).toMatchObject({ knockout: true });
    const [page] = await renderPages(file(result, 'black.pdf'), DPI, temp.dir);
    if (!page) throw new Error('no page');
    expect(grey(page, ON_BADGE)).toBeLessThan(40);
    // Painting the light bar black would turn the badge into a blob.
    expect(grey(page, ON_BAR)).toBeGreaterThan(250);
    expect(grey(page, ON_BACKDROP)).toBeGreaterThan(250);
    // In colour too: a mask drawn in CMYK black would convert to a dark grey and leak ink.
    expect(await darkestChannel(file(result, 'black.pdf'), ON_BAR)).toBe(255);

    // Placed over a grey layout, the bar and the backdrop show the layout: holes, not white paint.
    const [placed] = await renderPages(await placedOnGrey(file(result, 'black.pdf')), DPI, temp.dir);
    if (!placed) throw new Error('no placed page');
    expect(grey(placed, ON_BADGE)).toBeLessThan(40);
    // Exactly the layout's grey through the hole: a mask that leaked would darken it.
    const layoutGrey = grey(placed, ON_BACKDROP);
    expect(layoutGrey).toBeGreaterThan(60);
    expect(layoutGrey).toBeLessThan(200);
    expect(Math.abs(grey(placed, ON_BAR) - layoutGrey)).toBeLessThanOrEqual(2);
  });

  it('reverses to a white mark whose light details show the dark page', async () => {
    const result = await pdf.run(svgInput(BADGE, 'Badge'), pdf.options.parse({ variants: ['reversed'] }), context);
    const [page] = await renderPages(file(result, 'reversed.pdf'), DPI, temp.dir);
    if (!page) throw new Error('no page');
    expect(grey(page, ON_BADGE)).toBeGreaterThan(230);
    expect(grey(page, ON_BAR)).toBeLessThan(40);
    expect(grey(page, ON_BACKDROP)).toBeLessThan(40);
  });

  it('paints a light-only logo solid in the black version (nothing to knock out of)', async () => {
    const white = `<svg xmlns="http://www.w3.org/2000/svg" width="50mm" height="50mm" viewBox="0 0 100 100">
      <circle cx="50" cy="50" r="40" fill="#ffffff"/><rect x="30" y="42" width="40" height="16" fill="#f4f4f4"/></svg>`;
    const result = await pdf.run(svgInput(white, 'White'), pdf.options.parse({ variants: ['black'] }), context);
    expect(result.facts).toMatchObject({ knockout: false });
    const [page] = await renderPages(file(result, 'black.pdf'), DPI, temp.dir);
    if (!page) throw new Error('no page');
    expect(grey(page, ON_BADGE)).toBeLessThan(40);
    expect(grey(page, ON_BAR)).toBeLessThan(40);
    expect(grey(page, ON_BACKDROP)).toBeGreaterThan(230);
  });

  it('draws a knockout the same way in SVG (the proofs and films path)', async () => {
    const square = (x: number, y: number, size: number) => `M${x} ${y}h${size}v${size}h${-size}Z`;
    const op = (d: string, ink: typeof MASK_KEEP) => ({
      kind: 'path' as const,
      d,
      matrix: [1, 0, 0, 1, 0, 0] as const,
      fill: { ink, opacity: 1 },
      fillRule: 'nonzero' as const,
      stroke: null,
      clips: [],
    });
    const svg = displayPageToSvg(
      {
        widthPt: 100,
        heightPt: 100,
        ops: [
          {
            kind: 'knockout',
            area: [0, 0, 100, 100],
            ink: { space: 'cmyk', cmyk: [0, 0, 0, 100] },
            mask: [op(square(10, 10, 80), MASK_KEEP), op(square(40, 40, 20), MASK_HOLE)],
          },
        ],
      },
      1,
      () => '#000000',
    );
    const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const alpha = (x: number, y: number) => data[(y * info.width + x) * 4 + 3] as number;
    expect(alpha(20, 20)).toBe(255);
    expect(alpha(50, 50)).toBe(0);
    expect(alpha(5, 5)).toBe(0);
  });
});
