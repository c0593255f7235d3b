import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { RgbaImage } from '../../../src/main/core/pipeline/processors/raster/rgba.ts';

/** An RGB image on white (alpha flattened), for comparing renders. */
export interface Flat {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
}

async function flatten(input: Buffer | string, width: number, height: number, density?: number): Promise<Flat> {
  const { data, info } = await sharp(input, density ? { density } : {})
    .resize(width, height, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgb: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** One pixel of a render, as [r, g, b]. */
export function rgbAt(image: Flat, x: number, y: number): [number, number, number] {
  const o = (y * image.width + x) * 3;
  return [image.rgb[o] as number, image.rgb[o + 1] as number, image.rgb[o + 2] as number];
}

/** librsvg's render of an SVG (what the designer sees), at width x height, on white. */
export function renderSvg(svg: string | Uint8Array, width: number, height: number): Promise<Flat> {
  const buffer = Buffer.from(typeof svg === 'string' ? svg : svg);
  return flatten(buffer, width, height, 288);
}

/** Poppler's render (pdftoppm, the reference renderer) of page `page` of a PDF, at width x height, on white. */
export async function renderPdf(pdf: Uint8Array, width: number, height: number, page = 1): Promise<Flat> {
  const dir = mkdtempSync(join(tmpdir(), 'marque-compare-'));
  try {
    const path = join(dir, 'in.pdf');
    writeFileSync(path, pdf);
    execFileSync('pdftoppm', [
      '-f',
      String(page),
      '-l',
      String(page),
      '-scale-to-x',
      String(width),
      '-scale-to-y',
      String(height),
      '-png',
      '-singlefile',
      path,
      join(dir, 'out'),
    ]);
    return await flatten(join(dir, 'out.png'), width, height);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface GhostscriptOptions {
  /** Rendered at twice the size and halved, so pixel grids line up with a master render. */
  readonly supersample?: boolean;
  /** Ghostscript's own anti-aliasing of shapes and text (4 bits). */
  readonly antialias?: boolean;
}

/** Ghostscript's render (it manages CMYK colour, as a RIP does) of page 1 of a PDF, as PNG bytes with alpha. */
function ghostscriptPng(pdf: Uint8Array, width: number, height: number, options: GhostscriptOptions): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'marque-compare-'));
  try {
    const path = join(dir, 'in.pdf');
    writeFileSync(path, pdf);
    const k = options.supersample ? 2 : 1;
    execFileSync('gs', [
      '-q',
      '-dNOPAUSE',
      '-dBATCH',
      '-dSAFER',
      '-sDEVICE=pngalpha',
      ...(options.antialias ? ['-dTextAlphaBits=4', '-dGraphicsAlphaBits=4'] : []),
      '-dFirstPage=1',
      '-dLastPage=1',
      `-g${k * width}x${k * height}`,
      '-dPDFFitPage',
      `-sOutputFile=${join(dir, 'out.png')}`,
      path,
    ]);
    return readFileSync(join(dir, 'out.png'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Ghostscript's render with alpha, at width x height: what a cutter or a layout program sees as covered. */
export async function ghostscriptRgba(
  pdf: Uint8Array,
  width: number,
  height: number,
  options: GhostscriptOptions = {},
): Promise<RgbaImage> {
  const png = ghostscriptPng(pdf, width, height, options);
  const { data, info } = await sharp(png)
    .resize(width, height, { fit: 'fill' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Ghostscript's render of page 1 of a PDF, at width x height, on white. */
export function renderPdfGs(pdf: Uint8Array, width: number, height: number): Promise<Flat> {
  return flatten(ghostscriptPng(pdf, width, height, {}), width, height);
}

function lab(r: number, g: number, b: number): [number, number, number] {
  const lin = (c: number): number => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const [R, G, B] = [lin(r), lin(g), lin(b)];
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const x = f((0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047);
  const y = f(0.2126 * R + 0.7152 * G + 0.0722 * B);
  const z = f((0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

export interface Comparison {
  /** Share of compared pixels whose ΔE76 is over `threshold`. */
  readonly badShare: number;
  /** Mean ΔE76 over compared pixels. */
  readonly meanDeltaE: number;
  /** IoU of the non-white ("ink") pixels of both images. */
  readonly inkIoU: number;
}

/**
 * Compares two renders pixel by pixel, skipping edge pixels (where either image differs from a
 * neighbour: anti-aliasing differs between renderers) inside `region` (x, y, w, h; default all).
 */
export function compareRenders(
  a: Flat,
  b: Flat,
  options: { threshold?: number; region?: readonly [number, number, number, number] } = {},
): Comparison {
  const threshold = options.threshold ?? 20;
  const [rx, ry, rw, rh] = options.region ?? [0, 0, a.width, a.height];
  const at = (img: Flat, x: number, y: number): [number, number, number] => {
    const o = (y * img.width + x) * 3;
    return [img.rgb[o] as number, img.rgb[o + 1] as number, img.rgb[o + 2] as number];
  };
  const edge = (img: Flat, x: number, y: number): boolean => {
    const [r, g, bl] = at(img, x, y);
    for (const [dx, dy] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ] as const) {
      const nx = x + dx;
      const ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= img.width || ny >= img.height) continue;
      const [r2, g2, b2] = at(img, nx, ny);
      if (Math.abs(r - r2) + Math.abs(g - g2) + Math.abs(bl - b2) > 24) return true;
    }
    return false;
  };
  let compared = 0;
  let bad = 0;
  let sum = 0;
  let inter = 0;
  let union = 0;
  for (let y = ry; y < ry + rh; y++) {
    for (let x = rx; x < rx + rw; x++) {
      const pa = at(a, x, y);
      const pb = at(b, x, y);
      const inkA = pa.some((v) => v < 235);
      const inkB = pb.some((v) => v < 235);
      if (edge(a, x, y) || edge(b, x, y)) continue;
      if (inkA && inkB) inter++;
      if (inkA || inkB) union++;
      const la = lab(...pa);
      const lb = lab(...pb);
      const de = Math.hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
      compared++;
      sum += de;
      if (de > threshold) bad++;
    }
  }
  return {
    badShare: compared ? bad / compared : 1,
    meanDeltaE: compared ? sum / compared : 0,
    inkIoU: union ? inter / union : 1,
  };
}

/**
 * Share of pixels where `b` does not show the shape `a` shows there, whatever colour conversion
 * lies between them (a PDF's CMYK inks render darker than the SVG's RGB): each colour of `a` is
 * mapped to the mean colour `b` paints where `a` is solidly that colour, then every pixel of `b`
 * must be within ΔE76 `threshold` of the mapped colour of `a` at that pixel or one of its 8
 * neighbours (anti-aliased edges differ between renderers by up to a pixel). Pixels on the master's
 * own anti-aliased rims are left out. Streaks, missing or displaced shapes count; a uniform colour
 * shift does not.
 */
export function geometryMismatch(
  a: Flat,
  b: Flat,
  options: {
    threshold?: number;
    region?: readonly [number, number, number, number];
    /** Largest colour shift (ΔE76) accepted as conversion rather than a missing shape; default 40. */
    maxShift?: number;
    /** Called for every mismatched pixel (to draw a map when a bound fails). */
    onMismatch?: (x: number, y: number) => void;
  } = {},
): number {
  const threshold = options.threshold ?? 20;
  const { width, height } = a;
  const [rx, ry, rw, rh] = options.region ?? [0, 0, width, height];
  const key = (img: Flat, i: number): number =>
    ((img.rgb[i * 3] as number) >> 4) * 256 +
    ((img.rgb[i * 3 + 1] as number) >> 4) * 16 +
    ((img.rgb[i * 3 + 2] as number) >> 4);
  const solid = (i: number): boolean => {
    const x = i % width;
    const y = (i - x) / width;
    if (x < 1 || y < 1 || x >= width - 1 || y >= height - 1) return false;
    const k = key(a, i);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) if (key(a, i + dy * width + dx) !== k) return false;
    return true;
  };
  const sums = new Map<number, [number, number, number, number]>();
  for (let i = 0; i < width * height; i++) {
    if (!solid(i)) continue;
    const k = key(a, i);
    const sum = sums.get(k) ?? [0, 0, 0, 0];
    sum[0] += b.rgb[i * 3] as number;
    sum[1] += b.rgb[i * 3 + 1] as number;
    sum[2] += b.rgb[i * 3 + 2] as number;
    sum[3]++;
    sums.set(k, sum);
  }
  // A colour conversion moves a colour, it does not turn it into another one: a mapping further than
  // `maxShift` (ΔE76) is a shape missing from `b` (its colour "mapped" to what lies behind), not a
  // conversion, so the colour of `a` itself is expected there.
  const maxShift = options.maxShift ?? 40;
  const mapped = new Map<number, [number, number, number]>();
  for (const [k, sum] of sums) {
    if (sum[3] < 4) continue;
    const mean: [number, number, number] = [sum[0] / sum[3], sum[1] / sum[3], sum[2] / sum[3]];
    const own: [number, number, number] = [((k >> 8) << 4) + 8, (((k >> 4) & 15) << 4) + 8, ((k & 15) << 4) + 8];
    const [l1, a1, b1] = lab(...mean);
    const [l2, a2, b2] = lab(...own);
    if (Math.hypot(l1 - l2, a1 - a2, b1 - b2) <= maxShift) mapped.set(k, mean);
  }
  const predicted = (i: number): [number, number, number] =>
    mapped.get(key(a, i)) ?? [a.rgb[i * 3] as number, a.rgb[i * 3 + 1] as number, a.rgb[i * 3 + 2] as number];
  let bad = 0;
  let total = 0;
  for (let y = ry; y < ry + rh; y++) {
    for (let x = rx; x < rx + rw; x++) {
      const i = y * width + x;
      // Only where the master is solidly one colour: its anti-aliased rims have no mapped colour.
      if (!solid(i)) continue;
      const pb: [number, number, number] = [
        b.rgb[i * 3] as number,
        b.rgb[i * 3 + 1] as number,
        b.rgb[i * 3 + 2] as number,
      ];
      const lb = lab(...pb);
      // The colours the master shows within 2 px (solid areas only), deduplicated.
      const nearby = new Map<number, [number, number, number]>();
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const q = ny * width + nx;
          if (solid(q)) nearby.set(key(a, q), predicted(q));
        }
      }
      const colours = [...nearby.values()];
      const distance = (rgb: readonly [number, number, number]): number => {
        const l = lab(...rgb);
        return Math.hypot(l[0] - lb[0], l[1] - lb[1], l[2] - lb[2]);
      };
      let best = Math.min(...colours.map(distance));
      // An anti-aliased rim is a mix of two neighbouring colours: measure to the mix closest to it.
      for (let m = 0; m < colours.length && best > threshold; m++) {
        for (let n = m + 1; n < colours.length; n++) {
          const [p0, p1] = [colours[m] as [number, number, number], colours[n] as [number, number, number]];
          const d: [number, number, number] = [p1[0] - p0[0], p1[1] - p0[1], p1[2] - p0[2]];
          const length2 = d[0] ** 2 + d[1] ** 2 + d[2] ** 2;
          if (length2 === 0) continue;
          const t = Math.min(
            1,
            Math.max(0, ((pb[0] - p0[0]) * d[0] + (pb[1] - p0[1]) * d[1] + (pb[2] - p0[2]) * d[2]) / length2),
          );
          best = Math.min(best, distance([p0[0] + t * d[0], p0[1] + t * d[1], p0[2] + t * d[2]]));
        }
      }
      total++;
      if (best > threshold) {
        bad++;
        options.onMismatch?.(x, y);
      }
    }
  }
  return total ? bad / total : 0;
}
