import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import type { SvgArt } from '../../../src/main/core/pipeline/processors/svg/art.ts';
import { chooseFace, type FontFace, fontFinder } from '../../../src/main/core/pipeline/processors/svg/font-finder.ts';
import { parseSvgArt } from '../../../src/main/core/pipeline/processors/svg/parse-svg.ts';
import { type Box, pathBounds } from '../../../src/main/core/pipeline/processors/svg/path-bounds.ts';
import { context, count, crop, file, inkMask, iou, renderPages, svgInput, tempDir } from './pdf-fixtures.ts';

// Real fonts, as librsvg finds them through fontconfig. Debian's fontconfig pulls in fonts-dejavu-core.
const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';
const DEJAVU = join(DEJAVU_DIR, 'DejaVuSans.ttf');
const DEJAVU_BOLD = join(DEJAVU_DIR, 'DejaVuSans-Bold.ttf');
for (const font of [DEJAVU, DEJAVU_BOLD])
  if (!existsSync(font))
    throw new Error(`${font} is missing: install fonts-dejavu-core (apt-get install fonts-dejavu-core)`);

const svg = (body: string, attrs = 'viewBox="0 0 200 100" width="200" height="100"'): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" ${attrs}>${body}</svg>`;

function union(boxes: readonly (Box | null)[]): Box {
  const present = boxes.filter((box): box is Box => box !== null);
  if (present.length === 0) throw new Error('nothing drawn');
  const x = Math.min(...present.map((box) => box.x));
  const y = Math.min(...present.map((box) => box.y));
  const right = Math.max(...present.map((box) => box.x + box.width));
  const bottom = Math.max(...present.map((box) => box.y + box.height));
  return { x, y, width: right - x, height: bottom - y };
}

/** Bounds of the items in user space (the items of these tests carry translations only). */
function bounds(art: SvgArt): Box {
  return union(
    art.items.map((item) => {
      const box = pathBounds(item.d);
      return box && { ...box, x: box.x + item.matrix[4], y: box.y + item.matrix[5] };
    }),
  );
}

/** The outline items drawn back as plain SVG paths, for librsvg to rasterize. */
function outlinesSvg(art: SvgArt, width: number, height: number): string {
  const { x, y, width: w, height: h } = art.viewBox;
  const paths = art.items
    .map((item) => `<path transform="matrix(${item.matrix.join(' ')})" d="${item.d}" fill-rule="nonzero"/>`)
    .join('');
  return svg(paths, `viewBox="${x} ${y} ${w} ${h}" width="${width}" height="${height}"`);
}

async function alphaMask(source: string, width: number, height: number): Promise<Uint8Array> {
  const { data } = await sharp(Buffer.from(source), { density: 72 })
    .resize(width, height, { fit: 'fill' })
    .ensureAlpha()
    .extractChannel(3)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Uint8Array.from(data, (alpha) => (alpha >= 128 ? 1 : 0));
}

/** IoU of librsvg's own text rendering and our outlines, at 400 x 200 px. */
async function outlineIou(source: string): Promise<number> {
  const art = parseSvgArt(source);
  expect(art.items.length).toBeGreaterThan(0);
  const [width, height] = [400, 200];
  const reference = await alphaMask(
    source.replace('width="200" height="100"', `width="${width}" height="${height}"`),
    width,
    height,
  );
  expect(count(reference)).toBeGreaterThan(500);
  return iou(reference, await alphaMask(outlinesSvg(art, width, height), width, height));
}

describe('SVG text as glyph outlines', () => {
  it('draws text where librsvg draws it (same font through fontconfig)', async () => {
    expect(
      await outlineIou(svg('<text font-family="DejaVu Sans" font-size="40" x="10" y="50">ACME</text>')),
    ).toBeGreaterThan(0.95);
    // Anchoring over a chunk of mixed spans, a bold tspan, a CSS class, letter-spacing and a transform.
    const mixed = svg(
      '<style>.w{font-family:"DejaVu Sans",sans-serif;font-size:24px;letter-spacing:1px}</style>' +
        '<g transform="translate(0 10)"><text class="w" x="100" y="50" text-anchor="middle">Hello <tspan font-weight="bold">World</tspan>!</text></g>' +
        '<text font-family="DejaVu Sans" font-size="18" transform="translate(20 90) rotate(-5)" font-style="italic">Tag line</text>',
    );
    expect(await outlineIou(mixed)).toBeGreaterThan(0.95);
  });

  it('puts the baseline on y and the run at x, with nonzero glyph outlines in the text colour', () => {
    const art = parseSvgArt(
      svg('<text font-family="DejaVu Sans" font-size="40" x="10" y="50" fill="#e30613">ACME</text>'),
    );
    expect(art.warnings).toEqual([]);
    expect(art.items).toHaveLength(1);
    expect(art.items[0]?.fill?.rgb).toEqual([227, 6, 19]);
    expect(art.items[0]?.fillRule).toBe('nonzero');
    const box = bounds(art);
    // Capitals sit on the baseline (the round C overshoots it a little) and reach DejaVu's cap height (0.729 em).
    expect(Math.abs(box.y + box.height - 50)).toBeLessThan(1);
    expect(Math.abs(box.y - (50 - 0.729 * 40))).toBeLessThan(1);
    expect(box.x).toBeGreaterThan(10);
    expect(box.x).toBeLessThan(11);
    // Same SVG, same fonts: the same path data.
    expect(
      parseSvgArt(svg('<text font-family="DejaVu Sans" font-size="40" x="10" y="50" fill="#e30613">ACME</text>')).items,
    ).toEqual(art.items);
  });

  it('centres and ends runs on x with text-anchor', () => {
    const at = (anchor: string) =>
      bounds(
        parseSvgArt(
          svg(`<text font-family="DejaVu Sans" font-size="20" x="100" y="50" text-anchor="${anchor}">ACME</text>`),
        ),
      );
    const start = at('start');
    const middle = at('middle');
    const end = at('end');
    // Within the side bearings of A and E.
    expect(Math.abs(middle.x + middle.width / 2 - 100)).toBeLessThan(1);
    expect(end.x + end.width).toBeGreaterThan(98); // E's right side bearing
    expect(end.x + end.width).toBeLessThanOrEqual(100.5);
    expect(start.x).toBeGreaterThanOrEqual(100);
    expect(middle.width).toBeCloseTo(start.width, 2);
  });

  it('continues the text position through tspans, keeps character order and applies dx/dy and x/y', () => {
    const whole = parseSvgArt(svg('<text font-family="DejaVu Sans" font-size="20" x="10" y="50">ABCD</text>'));
    const split = parseSvgArt(
      svg('<text font-family="DejaVu Sans" font-size="20" x="10" y="50">AB<tspan fill="red">CD</tspan></text>'),
    );
    expect(split.items).toHaveLength(2);
    expect(bounds(split).width).toBeCloseTo(bounds(whole).width, 1);
    const ordered = parseSvgArt(
      svg('<text font-family="DejaVu Sans" font-size="20" x="10" y="50">Hello <tspan fill="red">World</tspan>!</text>'),
    );
    const [hello, world, bang] = ordered.items.map((item) => pathBounds(item.d) as Box);
    expect(hello && world && bang).toBeTruthy();
    expect(world?.x).toBeGreaterThan((hello?.x ?? 0) + (hello?.width ?? 0) + 3); // the space between
    expect(bang?.x).toBeGreaterThan((world?.x ?? 0) + (world?.width ?? 0));
    const shifted = parseSvgArt(
      svg(
        '<text font-family="DejaVu Sans" font-size="20" x="10" y="50">A<tspan dy="20" fill="red">B</tspan><tspan x="150" y="20" fill="blue">C</tspan></text>',
      ),
    );
    const [a, b, c] = shifted.items.map((item) => pathBounds(item.d) as Box);
    expect((b?.y ?? 0) + (b?.height ?? 0)).toBeCloseTo(70, 0);
    expect(b?.x).toBeGreaterThan((a?.x ?? 0) + (a?.width ?? 0));
    expect(c?.x).toBeGreaterThanOrEqual(150);
    expect((c?.y ?? 0) + (c?.height ?? 0)).toBeCloseTo(20, 0);
  });

  it('picks a bold face for bold (wider advance) and the nearest weight by CSS rules', () => {
    const width = (weight: string) =>
      bounds(
        parseSvgArt(
          svg(`<text font-family="DejaVu Sans" font-size="20" x="0" y="50" font-weight="${weight}">ACME</text>`),
        ),
      ).width;
    expect(width('bold')).toBeGreaterThan(width('normal') * 1.05);
    expect(width('800')).toBeCloseTo(width('bold'), 6);
    expect(fontFinder().find('DejaVu Sans', 700, 'normal')?.face.file).toBe(DEJAVU_BOLD);
    expect(fontFinder().find('"DejaVu Sans", serif', 400, 'normal')?.face.file).toBe(DEJAVU);
    // Illustrator's PostScript name first, then the family: that exact face, and no warning.
    const illustrator = fontFinder().find('DejaVuSans-Bold, DejaVu Sans', 400, 'normal');
    expect([illustrator?.face.file, illustrator?.missing]).toEqual([DEJAVU_BOLD, null]);
    expect(fontFinder().find('DejaVuSans-Black, DejaVu Sans', 400, 'normal')?.missing).toBeNull();
    const face = (weight: number, slant: FontFace['slant'] = 'normal', width = 5): FontFace => ({
      file: `${weight}${slant}${width}`,
      postscriptName: 'x',
      family: 'X',
      names: ['x'],
      weight,
      width,
      slant,
    });
    const faces = [face(300), face(400), face(600), face(900), face(400, 'italic'), face(400, 'normal', 3)];
    expect(chooseFace(faces, 500, 'normal')?.weight).toBe(400);
    expect(chooseFace(faces, 700, 'normal')?.weight).toBe(900);
    expect(chooseFace(faces, 200, 'normal')?.weight).toBe(300);
    expect(chooseFace(faces, 700, 'italic')?.slant).toBe('italic');
    expect(chooseFace(faces, 400, 'normal')?.width).toBe(5);
  });

  it('sets a missing family in a fallback, saying which, and skips text when no font exists at all', () => {
    const art = parseSvgArt(svg('<text font-family="Brand Sans, Brand" font-size="20" x="10" y="50">ACME</text>'));
    expect(art.items).toHaveLength(1);
    expect(art.warnings).toHaveLength(1);
    expect(art.warnings[0]).toMatch(/^font "Brand Sans" not installed: text set in \S.+$/);
    // A generic family is a choice, not a miss.
    expect(parseSvgArt(svg('<text font-family="sans-serif" x="1" y="50">A</text>')).warnings).toEqual([]);
    const none = parseSvgArt(svg('<text x="1" y="50">ACME</text><rect width="5" height="5"/>'), 'logo.svg', {
      fontDirs: ['/nonexistent/fonts'],
    });
    expect(none.items).toHaveLength(1);
    expect(none.warnings.join()).toMatch(/no font installed: text skipped/);
  });

  it('skips a font file fontkit cannot read, and bounds hostile text', () => {
    const temp = tempDir();
    try {
      mkdirSync(join(temp.dir, 'fonts'));
      writeFileSync(join(temp.dir, 'fonts', 'BrokenSans.ttf'), 'not a font at all');
      copyFileSync(DEJAVU, join(temp.dir, 'fonts', 'DejaVuSans.ttf'));
      const art = parseSvgArt(svg('<text font-family="Broken Sans" x="1" y="50">A</text>'), 'logo.svg', {
        fontDirs: [join(temp.dir, 'fonts')],
      });
      expect(art.items).toHaveLength(1);
      expect(art.warnings).toEqual(['font "Broken Sans" not installed: text set in DejaVu Sans']);
      // No italic face among these fonts: the upright one is slanted (fontconfig's 0.2 shear).
      const slanted = (style: string) =>
        bounds(
          parseSvgArt(
            svg(`<text font-family="DejaVu Sans" font-size="40" x="10" y="50" font-style="${style}">I</text>`),
            'logo.svg',
            {
              fontDirs: [join(temp.dir, 'fonts')],
            },
          ),
        );
      expect(slanted('italic').width - slanted('normal').width).toBeCloseTo(0.2 * 0.729 * 40, 0);
    } finally {
      temp.dispose();
    }
    // Bounded by the work cap (the warning), not by a clock; the test's timeout is the backstop.
    const flood = parseSvgArt(
      svg(`<text font-family="DejaVu Sans" font-size="1e300" x="0" y="50">${'W'.repeat(30_000)}</text>`),
    );
    expect(flood.warnings.join()).toMatch(/too much text/);
    for (const item of flood.items) expect(item.d).not.toMatch(/Infinity|NaN|e\+/);
    const spans = parseSvgArt(svg(`<text font-family="DejaVu Sans">${'<tspan dx="1"/>'.repeat(50_000)}A</text>`));
    expect(spans.warnings.join()).toMatch(/too much text/);
  });

  it('collapses whitespace by default, keeps it with xml:space="preserve", decodes references, skips textPath', () => {
    const d = (body: string) => parseSvgArt(svg(body)).items.map((item) => item.d);
    const plain = d('<text font-family="DejaVu Sans" x="10" y="50">A B&amp;C</text>');
    expect(d('<text font-family="DejaVu Sans" x="10" y="50">\n   A \t  B&#38;C\n  </text>')).toEqual(plain);
    const preserved = parseSvgArt(
      svg('<text font-family="DejaVu Sans" x="10" y="50" xml:space="preserve">  A   B&amp;C</text>'),
    );
    expect(bounds(preserved).x).toBeGreaterThan(
      bounds(parseSvgArt(svg('<text font-family="DejaVu Sans" x="10" y="50">A B&amp;C</text>'))).x + 5,
    );
    const path = parseSvgArt(
      svg(
        '<path id="p" d="M0 50H200"/><text font-family="DejaVu Sans"><textPath href="#p">On a path</textPath></text>',
      ),
    );
    expect(path.warnings).toContain('text on a path (textPath) skipped');
  });
});

describe('pdf recipe with live text', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.dispose());

  it('prints the wordmark as vector outlines where librsvg draws it', async () => {
    const logo = `<svg xmlns="http://www.w3.org/2000/svg" width="80mm" height="40mm" viewBox="0 0 200 100">
      <style>.word{font-family:'DejaVu Sans';font-weight:bold;font-size:36px;fill:#0055a4}</style>
      <rect x="10" y="10" width="40" height="40" fill="#e30613"/>
      <text class="word" x="60" y="45">ACME</text>
      <text font-family="DejaVu Sans" font-size="14" x="60" y="80" fill="#222">Print &amp; Co</text>
    </svg>`;
    const result = await pdf.run(svgInput(logo), pdf.options.parse({ variants: ['full-color'] }), context);
    expect(result.facts?.warnings).toEqual([]);
    const [page] = await renderPages(file(result, 'full-color.pdf'), 150, temp.dir);
    if (!page) throw new Error('no page');
    const reference = await inkMask(logo, page.width, page.height);
    const printed = crop(page, 0, 0, page.width, page.height, 235);
    // The text region alone (right of the square) carries ink, and the whole page matches librsvg.
    const textOnly = (mask: Uint8Array) => mask.map((value, i) => (i % page.width > page.width * 0.27 ? value : 0));
    expect(count(textOnly(printed))).toBeGreaterThan(count(textOnly(reference)) * 0.8);
    expect(iou(textOnly(printed), textOnly(reference))).toBeGreaterThan(0.85);
    expect(iou(printed, reference)).toBeGreaterThan(0.9);
  });
});
