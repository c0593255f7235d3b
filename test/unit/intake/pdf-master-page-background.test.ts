/**
 * A PDF master (rsvg-convert -f pdf of a real logo, as a designer's export gives) read back with
 * pdf.js: the page background pdf.js paints (rgba(0,0,0,0)) is no artwork. Before this rule it
 * became a page-sized rectangle that every vector output drew: the full-colour PDF showed a dark
 * square in Ghostscript's alpha render and the black version's ink IoU fell to 0.19-0.41 on
 * simple-icons bitly and wails and devicon pytorch.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfFirstPageToSvg } from '../../../src/main/core/intake/pdf/pdf-to-svg.ts';
import { referenceInk, referenceIoU } from '../../../src/main/core/pipeline/processors/artwork/one-colour-mask.ts';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { simpleIconSvg } from '../processors/artwork-corpus.ts';
import { context, decode, svgInput } from '../processors/helpers.ts';
import { ghostscriptRgba } from '../processors/render-compare.ts';

const dir = mkdtempSync(join(tmpdir(), 'marque-pdf-page-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The logo as a PDF master, converted as the import does. */
async function pdfMaster(svg: string): Promise<string> {
  writeFileSync(join(dir, 'in.svg'), svg);
  execFileSync('rsvg-convert', ['-f', 'pdf', '-o', join(dir, 'in.pdf'), join(dir, 'in.svg')]);
  return (await pdfFirstPageToSvg(readFileSync(join(dir, 'in.pdf')), 'in.pdf', 40_000_000)).svg;
}

/** Ghostscript's render with alpha: what a cutter or a layout program sees as covered. */
const ghostscript = (bytes: Uint8Array, size: number) => ghostscriptRgba(bytes, size, size);

describe('PDF master: the page background is not artwork', () => {
  const bitly = simpleIconSvg('bitly').replace('<svg ', '<svg fill="#EE6123" width="240" height="240" ');

  it('records no fully transparent shape', async () => {
    const master = await pdfMaster(bitly);
    expect(master).not.toMatch(/rgba\([^)]*,\s*0\)/);
  });

  it('the black PDF of the PDF master covers only the mark (Ghostscript, against the master ink)', async () => {
    const input = await svgInput(await pdfMaster(bitly), 'bitly');
    const result = await pdf.run(input, pdf.options.parse({ variants: ['black'] }), context());
    const rendered = await ghostscript(result.files[0]?.bytes as Uint8Array, 1024);
    const master = await decode(
      new Uint8Array(
        await sharp(Buffer.from(bitly), { density: 72 * (1024 / 240) })
          .resize(1024, 1024)
          .png()
          .toBuffer(),
      ),
    );
    // A corner outside the ring is paper in the master: it must not be covered.
    expect(rendered.data[3]).toBe(0);
    const iou = referenceIoU(referenceInk(master), (i) => (rendered.data[i * 4 + 3] as number) >= 128);
    expect(iou).toBeGreaterThanOrEqual(0.95);
  });

  it('an SVG master with an rgba(…, 0) rectangle: the PDF draws no rectangle', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" fill="rgba(0,0,0,0)"/>' +
      '<circle cx="50" cy="50" r="30" fill="#204080"/></svg>';
    const result = await pdf.run(await svgInput(svg), pdf.options.parse({ variants: ['black'] }), context());
    // Ghostscript shows an invisible (/ca 0) fill as covered only at larger sizes: render at 1024.
    const rendered = await ghostscript(result.files[0]?.bytes as Uint8Array, 1024);
    expect(rendered.data[3]).toBe(0);
    expect(rendered.data[(512 * 1024 + 512) * 4 + 3]).toBe(255);
  });
});
