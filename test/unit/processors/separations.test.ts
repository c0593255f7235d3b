import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcessorResult } from '../../../src/main/core/pipeline/processor.ts';
import { separations } from '../../../src/main/core/pipeline/processors/separations/separations-processor.ts';
import {
  context,
  count,
  crop,
  file,
  type Gray,
  hasImageXObject,
  inkMask,
  iou,
  loadPdf,
  MM,
  PALETTE,
  pageContent,
  renderPages,
  separationNames,
  svgInput,
  THREE_INK_SVG,
  tempDir,
} from './pdf-fixtures.ts';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir();
});
afterEach(() => temp.dispose());

interface Facts {
  plates: { name: string; kind: string }[];
  pageMm: [number, number];
  trimMm: [number, number];
  registrationMm: [number, number][];
}

/** 1 where a film positive is opaque (its alpha channel), optionally flipped left-right. */
async function filmInk(png: Uint8Array, flop = false): Promise<Uint8Array> {
  const { data, info } = await sharp(png).flop(flop).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const mask = new Uint8Array(info.width * info.height);
  for (let i = 0; i < mask.length; i++) mask[i] = (data[i * info.channels + info.channels - 1] as number) > 0 ? 1 : 0;
  return mask;
}

const facts = (result: ProcessorResult): Facts => result.facts as unknown as Facts;

/** The trim of a rendered page as a dark-pixel mask (trim origin from the page geometry). */
function trimMask(page: Gray, f: Facts, dpi: number, threshold = 128): Uint8Array {
  const px = dpi / 25.4;
  const x = Math.round(((f.pageMm[0] - f.trimMm[0]) / 2) * px);
  const y = Math.round(30 * px);
  return crop(page, x, y, Math.round(f.trimMm[0] * px), Math.round(f.trimMm[1] * px), threshold);
}

describe('separations recipe', () => {
  it('spot: one Separation-named plate per palette ink plus a composite proof, vector only', async () => {
    const result = await separations.run(
      svgInput(),
      separations.options.parse({ palette: PALETTE, dpi: 300, printWidthMm: 100 }),
      context,
    );
    const f = facts(result);
    // Light to dark print order.
    expect(f.plates.map((plate) => plate.name)).toEqual(['Sun Yellow', 'Brand Red', 'PMS 2935 C']);
    const document = await loadPdf(file(result, 'separations.pdf'));
    expect(document.getPageCount()).toBe(4);
    for (const [i, page] of document.getPages().entries()) {
      const box = page.getMediaBox();
      expect(box.width).toBeCloseTo(140 * MM, 1);
      expect(box.height).toBeCloseTo((50 + 62) * MM, 1);
      const trim = page.getTrimBox();
      expect(trim.width).toBeCloseTo(100 * MM, 1);
      expect(trim.height).toBeCloseTo(50 * MM, 1);
      expect(hasImageXObject(page)).toBe(false);
      expect(pageContent(page)).toMatch(/\sc\n/);
      if (i < 3) expect(separationNames(page)).toEqual([f.plates[i]?.name]);
    }
    expect(result.files.filter((entry) => entry.path.startsWith('films/')).map((entry) => entry.path)).toEqual([
      'films/01-sun-yellow.png',
      'films/02-brand-red.png',
      'films/03-pms-2935-c.png',
    ]);
  });

  it('rendered plates: registration marks at the same pixels on every page, and the union of plates is the logo', async () => {
    const dpi = 100;
    const result = await separations.run(
      svgInput(),
      separations.options.parse({ palette: PALETTE, dpi: 300, printWidthMm: 100, trapPt: 0 }),
      context,
    );
    const f = facts(result);
    const pages = await renderPages(file(result, 'separations.pdf'), dpi, temp.dir);
    const px = dpi / 25.4;
    const window = 2 * Math.round(5 * px);
    for (const [xMm, yMm] of f.registrationMm) {
      const windows = pages.map((page) =>
        crop(page, Math.round(xMm * px) - window / 2, Math.round(yMm * px) - window / 2, window, window),
      );
      const first = windows[0] as Uint8Array;
      // A target is there (ring, cross, bullseye: a few percent of the window)...
      expect(count(first)).toBeGreaterThan(window * window * 0.05);
      // ...its centre is inked...
      const centre = (page: Gray): number =>
        page.data[Math.round(yMm * px) * page.width + Math.round(xMm * px) + 2 + 2 * page.width] as number;
      for (const page of pages) expect(centre(page)).toBeLessThan(128);
      // ...and identical on every plate and on the proof.
      for (const other of windows) expect(iou(first, other)).toBeGreaterThan(0.98);
    }
    const plates = pages.slice(0, 3).map((page) => trimMask(page, f, dpi));
    const union = new Uint8Array(plates[0]?.length ?? 0);
    for (const plate of plates) for (let i = 0; i < union.length; i++) union[i] = union[i] || plate[i] ? 1 : 0;
    const reference = await inkMask(THREE_INK_SVG, Math.round(f.trimMm[0] * px), Math.round(f.trimMm[1] * px));
    expect(iou(union, reference)).toBeGreaterThan(0.96);
    // Knockout: plates do not overlap (no trap asked for), beyond anti-aliased edges.
    let overlap = 0;
    for (let i = 0; i < union.length; i++)
      if ((plates[0]?.[i] ?? 0) + (plates[1]?.[i] ?? 0) + (plates[2]?.[i] ?? 0) > 1) overlap++;
    expect(overlap / count(union)).toBeLessThan(0.01);
  });

  it('film positives: width x dpi pixels, opaque black on transparent, mirrored on request', async () => {
    const options = { palette: PALETTE, dpi: 300, printWidthMm: 100, halftone: false };
    const result = await separations.run(svgInput(), separations.options.parse(options), context);
    const mirrored = await separations.run(
      svgInput(),
      separations.options.parse({ ...options, mirror: true }),
      context,
    );
    const f = facts(result);
    const expectedWidth = Math.round((f.pageMm[0] / 25.4) * 300);
    expect(f.pageMm[0]).toBe(140);
    const png = file(result, 'films/01-sun-yellow.png');
    const meta = await sharp(png).metadata();
    expect(meta.width).toBe(expectedWidth);
    expect(meta.height).toBe(Math.round((f.pageMm[1] / 25.4) * 300));
    expect(meta.density).toBe(300);
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    let ink = 0;
    let partial = 0;
    let notBlack = 0;
    for (let i = 0; i < info.width * info.height; i++) {
      const alpha = data[i * info.channels + info.channels - 1] as number;
      if (alpha !== 0 && alpha !== 255) partial++;
      if (alpha === 255) {
        ink++;
        if (data[i * info.channels] !== 0) notBlack++;
      }
    }
    expect(partial).toBe(0);
    expect(notBlack).toBe(0);
    expect(ink).toBeGreaterThan(1000);
    const flipped = await filmInk(file(mirrored, 'films/01-sun-yellow.png'), true);
    const straight = await filmInk(png);
    expect(count(straight)).toBe(ink);
    expect(iou(flipped, straight)).toBeGreaterThan(0.97);
    // The PDF plate is mirrored too (emulsion down), the proof page is not.
    const document = await loadPdf(file(mirrored, 'separations.pdf'));
    expect(pageContent(document.getPage(0))).toMatch(/^1 0 0 -1 0 [\d.]+ cm\nq\n-1 0 0 1 [\d.]+ 0 cm/);
    expect(pageContent(document.getPage(3))).not.toMatch(/-1 0 0 1 [\d.]+ 0 cm/);
  });

  it('process: large black areas in rich black, thin black detail in pure K, as the PDF prints them', async () => {
    // A 40 mm black square and a 1 mm black rule, printed 100 mm wide (the rule is under the press's
    // 10 mm rich-black threshold).
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="50mm" viewBox="0 0 100 50">
      <rect x="5" y="5" width="40" height="40"/><rect x="55" y="24" width="40" height="1"/></svg>`;
    const result = await separations.run(
      svgInput(svg, 'black'),
      separations.options.parse({ type: 'process', printWidthMm: 100, halftone: false }),
      context,
    );
    const f = facts(result);
    const names = f.plates.map((plate) => plate.name);
    expect(names).toContain('Cyan');
    expect(names).toContain('Black');
    const dpi = 50;
    const pages = await renderPages(file(result, 'separations.pdf'), dpi, temp.dir);
    const px = dpi / 25.4;
    // Any tint counts: rich black's cyan is a light one.
    const plate = (name: string) => trimMask(pages[names.indexOf(name)] as Gray, f, dpi, 250);
    const region = (mask: Uint8Array, x: number, y: number, w: number, h: number): number => {
      const width = Math.round(f.trimMm[0] * px);
      let inked = 0;
      for (let row = Math.round(y * px); row < Math.round((y + h) * px); row++)
        for (let col = Math.round(x * px); col < Math.round((x + w) * px); col++) inked += mask[row * width + col] ?? 0;
      return inked;
    };
    const cyan = plate('Cyan');
    const black = plate('Black');
    // Cyan under the square, none under the rule; black under both.
    expect(region(cyan, 10, 10, 30, 30)).toBeGreaterThan(0.9 * (30 * px) ** 2);
    expect(region(cyan, 55, 23, 40, 3)).toBe(0);
    expect(region(black, 55, 23, 40, 3)).toBeGreaterThan(0);
  });

  it('process: C, M, Y, K plates at their angles, tints screened to the right coverage', async () => {
    const result = await separations.run(
      svgInput(),
      separations.options.parse({ type: 'process', dpi: 600, lpi: 50, printWidthMm: 60 }),
      context,
    );
    const f = facts(result);
    expect(f.plates.map((plate) => plate.name)).toEqual(['Yellow', 'Cyan', 'Magenta', 'Black']);
    const document = await loadPdf(file(result, 'separations.pdf'));
    expect(document.getPageCount()).toBe(5);
    expect(separationNames(document.getPage(1))).toEqual(['Cyan']);
    // The 50 % patch of the tint bar on the film: half of it black, within a few percent.
    const data = await filmInk(file(result, 'films/02-cyan.png'));
    const info = await sharp(file(result, 'films/02-cyan.png')).metadata();
    const px = 600 / 25.4;
    const patchMm = 6;
    const top = Math.round((30 + f.trimMm[1] + 19.5) * px);
    const left = Math.round((6 + 5 * patchMm + 0.5) * px);
    let black = 0;
    const size = Math.round(4 * px);
    for (let y = top; y < top + size; y++)
      for (let x = left; x < left + size; x++) if ((data[y * info.width + x] as number) > 0) black++;
    expect(black / (size * size)).toBeGreaterThan(0.45);
    expect(black / (size * size)).toBeLessThan(0.55);
  });

  it('is deterministic, and names inks exactly as given even with PDF delimiters and non-ASCII', async () => {
    const palette = [{ hex: '#ffcc00', name: 'Gelb (Ä) #1 / 2' }, ...PALETTE.slice(1)];
    const options = separations.options.parse({ palette, dpi: 300, halftone: false, trapPt: 0.5 });
    const first = await separations.run(svgInput(undefined, 'Café 東京'), options, context);
    const second = await separations.run(svgInput(undefined, 'Café 東京'), options, context);
    expect(first.files.map((entry) => entry.path)).toEqual(second.files.map((entry) => entry.path));
    for (const [i, entry] of first.files.entries())
      expect(Buffer.from(entry.bytes).equals(Buffer.from(second.files[i]?.bytes ?? []))).toBe(true);
    const document = await loadPdf(file(first, 'separations.pdf'));
    const raw = Buffer.from(file(first, 'separations.pdf')).toString('latin1');
    // UTF-8 bytes and delimiters escaped as #xx: a valid name that decodes back to the designer's text.
    expect(raw).toContain('/Gelb#20#28#C3#84#29#20#231#20#2F#202');
    expect(separationNames(document.getPage(1))).toEqual(['Brand Red']);
  });

  it('screens gradients as tint ramps on the film (process), and keeps them as shadings on the proof', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="20mm" viewBox="0 0 100 20"><linearGradient id="g">' +
      '<stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#0055a4"/></linearGradient><rect width="100" height="20" fill="url(#g)"/></svg>';
    const result = await separations.run(
      svgInput(svg, 'Ramp'),
      separations.options.parse({ type: 'process', dpi: 300, lpi: 40, printWidthMm: 100 }),
      context,
    );
    const f = facts(result);
    const ink = await filmInk(file(result, 'films/02-cyan.png'));
    const { width } = await sharp(file(result, 'films/02-cyan.png')).metadata();
    const px = 300 / 25.4;
    const coverage = (fromMm: number): number => {
      let black = 0;
      let total = 0;
      for (let y = Math.round((30 + 5) * px); y < Math.round((30 + 15) * px); y++) {
        for (let x = Math.round((20 + fromMm) * px); x < Math.round((20 + fromMm + 10) * px); x++) {
          black += ink[y * (width ?? 0) + x] ?? 0;
          total++;
        }
      }
      return black / total;
    };
    // #0055a4 is C89.8 through the built-in press profile: the ramp runs 0 -> 89.8 % cyan, about
    // 4 %, 40 % and 85 % in the first, middle and last tenth.
    expect(coverage(0)).toBeLessThan(0.12);
    expect(coverage(40)).toBeGreaterThan(0.3);
    expect(coverage(40)).toBeLessThan(0.5);
    expect(coverage(90)).toBeGreaterThan(0.78);
    expect(f.trimMm).toEqual([100, 20]);
    const text = Buffer.from(file(result, 'separations.pdf')).toString('latin1');
    expect(text).toMatch(/\/ShadingType 2/);
  });

  it('white underbase: printed first, inside the union of the colours (choked), traced to vectors', async () => {
    const dpi = 100;
    const result = await separations.run(
      svgInput(),
      separations.options.parse({ palette: PALETTE, underbase: true, underbaseChokePt: 2, dpi: 300 }),
      context,
    );
    const f = facts(result);
    expect(f.plates[0]).toEqual(expect.objectContaining({ name: 'White Underbase', kind: 'underbase' }));
    const pages = await renderPages(file(result, 'separations.pdf'), dpi, temp.dir);
    expect(pages).toHaveLength(5);
    const underbase = trimMask(pages[0] as Gray, f, dpi);
    // On a dark garment the white of the logo is printed too: the underbase lies under colours and white.
    const px = dpi / 25.4;
    const union = await inkMask(THREE_INK_SVG, Math.round(f.trimMm[0] * px), Math.round(f.trimMm[1] * px), true);
    let outside = 0;
    for (let i = 0; i < union.length; i++) if (underbase[i] && !union[i]) outside++;
    expect(outside).toBe(0);
    expect(count(underbase)).toBeLessThan(count(union) * 0.97);
    expect(count(underbase)).toBeGreaterThan(count(union) * 0.7);
  });

  it('trap: lighter inks spread under darker neighbours, never onto paper', async () => {
    const dpi = 150;
    const base = { palette: PALETTE, dpi: 300, printWidthMm: 100, trapPt: 0 };
    const plain = await separations.run(svgInput(), separations.options.parse(base), context);
    const trapped = await separations.run(svgInput(), separations.options.parse({ ...base, trapPt: 1.5 }), context);
    const f = facts(plain);
    const [plainYellow] = await renderPages(file(plain, 'separations.pdf'), dpi, temp.dir);
    const trappedPages = await renderPages(file(trapped, 'separations.pdf'), dpi, temp.dir);
    const px = dpi / 25.4;
    const reference = await inkMask(THREE_INK_SVG, Math.round(f.trimMm[0] * px), Math.round(f.trimMm[1] * px));
    const before = trimMask(plainYellow as Gray, f, dpi);
    const after = trimMask(trappedPages[0] as Gray, f, dpi);
    expect(count(after)).toBeGreaterThan(count(before) * 1.02);
    let onPaper = 0;
    for (let i = 0; i < after.length; i++) if (after[i] && !before[i] && !reference[i]) onPaper++;
    expect(onPaper / count(after)).toBeLessThan(0.005);
    // The darkest ink never spreads.
    const darkestBefore = trimMask(
      (await renderPages(file(plain, 'separations.pdf'), dpi, temp.dir))[2] as Gray,
      f,
      dpi,
    );
    expect(Math.abs(count(trimMask(trappedPages[2] as Gray, f, dpi)) - count(darkestBefore))).toBeLessThan(
      count(darkestBefore) * 0.005,
    );
  });
});
