import {
  deltaE76,
  type Lab,
  parseHex,
  type Rgb,
  rgbToLab,
  toHex,
  uncalibratedCmyk,
} from '../../../../../shared/colour.ts';
import type { PaletteColor } from '../../../../../shared/palette.ts';
import { OPAQUE_ALPHA, type RgbaImage } from './rgba.ts';

export interface PaletteOptions {
  /** Pixels to ignore (1 = ignore): the background region or colour. */
  readonly exclude?: Uint8Array;
  /** Least share of the logo's pixels a colour must cover to count (default 0.1 %). */
  readonly minShare?: number;
  /** Colours closer than this (CIE76) are one colour (default 5). */
  readonly mergeDistance?: number;
  /** At most this many colours, the largest first (default 16). */
  readonly maxColors?: number;
  /** Whether art too thin to have an interior pixel gives colours too (default true). */
  readonly hairlines?: boolean;
}

/** Least share of a colour in a noisy (JPEG) image, whatever smaller share is asked for. */
const NOISY_MIN_SHARE = 0.001;

/**
 * Least share of the logo a hairline colour's edge pixels must make up. Where hairlines cross
 * other art their edge pixels mix colours: each mix is a point, under 0.2 % of the logo (djangorest's
 * red-on-grey crossings), where a hairline colour of its own is a line (its grey, 1.2 %).
 */
const HAIRLINE_MIN_SHARE = 0.005;

/** Alpha of a "solid" pixel: partly transparent pixels are edge fringes, never palette colours. */
const SOLID_ALPHA = 250;

interface Bin {
  count: number;
  r: number;
  g: number;
  b: number;
}

/**
 * The logo's own colours. Counts exact colours of solid interior pixels (equal to their right and
 * lower neighbours), so anti-alias ramps, which are never interior, drop out; keeps colours that
 * cover at least `minShare` of the logo and are at least `mergeDistance` apart (smaller near
 * duplicates are merged into the larger). Noisy images (JPEG), where almost nothing is exactly
 * equal, fall back to a 5-bit-per-channel histogram averaged per bin. Shares are measured by
 * mapping every opaque logo pixel to its nearest palette colour.
 */
export function extractPalette(image: RgbaImage, options: PaletteOptions = {}): PaletteColor[] {
  const minShare = options.minShare ?? 0.001;
  const mergeDistance = options.mergeDistance ?? 5;
  const maxColors = options.maxColors ?? 16;
  const { width, height, data } = image;
  const words = new Uint32Array(data.buffer, data.byteOffset, width * height);
  const exclude = options.exclude;

  let logoPixels = 0;
  let solidPixels = 0;
  const exact = new Map<number, Bin>();
  let lastWord = -1;
  let lastBin: Bin | undefined;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if ((data[i * 4 + 3] as number) < OPAQUE_ALPHA || exclude?.[i]) continue;
      logoPixels++;
      // Translucent art (a wordmark at opacity 0.94) is art too: an interior pixel equals its
      // neighbours in colour and alpha, which an anti-aliased fringe does not. Before this, a logo
      // drawn translucent had no palette colour at all (devicon haskell: colour trace ΔE76 21.7).
      solidPixels++;
      const word = words[i] as number;
      if (x + 1 < width && words[i + 1] !== word) continue;
      if (y + 1 < height && words[i + width] !== word) continue;
      if (word !== lastWord) {
        const key = word & 0xffffff;
        lastBin = exact.get(key);
        if (!lastBin) {
          lastBin = { count: 0, r: data[i * 4] as number, g: data[i * 4 + 1] as number, b: data[i * 4 + 2] as number };
          exact.set(key, lastBin);
        }
        lastWord = word;
      }
      (lastBin as Bin).count++;
    }
  }
  if (logoPixels === 0) return [];

  let bins = [...exact.values()];
  const interior = bins.reduce((sum, bin) => sum + bin.count, 0);
  const noisy = interior < solidPixels * 0.2;
  if (noisy) bins = coarseBins(image, exclude);
  // A noisy image's histogram bins are noise around its colours: they keep the 0.1 % floor.
  const minCount = Math.max(1, (noisy ? Math.max(minShare, NOISY_MIN_SHARE) : minShare) * logoPixels);
  const byCount = (a: { rgb: Rgb; count: number }, b: { rgb: Rgb; count: number }) =>
    b.count - a.count || packed(a.rgb) - packed(b.rgb);
  const candidates = bins
    .filter((bin) => bin.count >= minCount)
    .map((bin) => ({ rgb: binColor(bin), count: bin.count }))
    .sort(byCount);
  // After every interior colour: a hairline's colour joins only where no interior colour is it.
  if (!noisy && options.hairlines !== false)
    candidates.push(
      ...hairlineBins(image, exclude)
        .filter((bin) => bin.count >= Math.max(minCount, HAIRLINE_MIN_SHARE * logoPixels))
        .map((bin) => ({ rgb: binColor(bin), count: bin.count }))
        .sort(byCount),
    );

  const accepted: { rgb: Rgb; lab: Lab }[] = [];
  for (const candidate of candidates) {
    if (accepted.length >= maxColors) break;
    const lab = rgbToLab(candidate.rgb);
    if (accepted.every((colour) => deltaE76(colour.lab, lab) >= mergeDistance))
      accepted.push({ rgb: candidate.rgb, lab });
  }
  const { counts } = assignToPalette(image, accepted, exclude);
  const total = counts.reduce((sum, n) => sum + n, 0) || 1;
  return accepted
    .map((colour, index) => toPaletteColor(colour.rgb, (counts[index] as number) / total))
    .sort((a, b) => b.share - a.share || a.hex.localeCompare(b.hex));
}

function coarseBins(image: RgbaImage, exclude: Uint8Array | undefined): Bin[] {
  return binsOf(image, exclude, (alpha) => alpha >= SOLID_ALPHA);
}

/** 5-bit-per-channel bins of the pixels whose alpha `counts`, each averaged to its mean colour. */
function binsOf(image: RgbaImage, exclude: Uint8Array | undefined, counts: (alpha: number) => boolean): Bin[] {
  const { data } = image;
  const bins = new Map<number, Bin>();
  const pixels = image.width * image.height;
  for (let i = 0; i < pixels; i++) {
    if (!counts(data[i * 4 + 3] as number) || exclude?.[i]) continue;
    const r = data[i * 4] as number;
    const g = data[i * 4 + 1] as number;
    const b = data[i * 4 + 2] as number;
    const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
    let bin = bins.get(key);
    if (!bin) {
      bin = { count: 0, r: 0, g: 0, b: 0 };
      bins.set(key, bin);
    }
    bin.count++;
    bin.r += r;
    bin.g += g;
    bin.b += b;
  }
  // Exact bins hold one sample colour with count n; coarse ones hold sums: normalise to sums.
  return [...bins.values()].map((bin) => ({
    ...bin,
    r: bin.r / bin.count,
    g: bin.g / bin.count,
    b: bin.b / bin.count,
  }));
}

/**
 * Colours of art too thin to have an interior pixel: lines under two pixels wide are all
 * anti-aliased edge (devicon djangorest's grey construction lines, 3 % of the logo, were missing
 * from its palette, and its colour trace drew them in the wrong grey: ΔE76 2.1, with them 1.1).
 * Partly covered pixels in 5-bit bins, averaged per bin: an edge pixel's own (straight) colour is
 * its art's, so the fringes of larger shapes land on colours already found and add nothing.
 */
function hairlineBins(image: RgbaImage, exclude: Uint8Array | undefined): Bin[] {
  return binsOf(image, exclude, (alpha) => alpha >= OPAQUE_ALPHA && alpha < SOLID_ALPHA);
}

function binColor(bin: Bin): Rgb {
  return [Math.round(bin.r), Math.round(bin.g), Math.round(bin.b)];
}

function packed(rgb: Rgb): number {
  return (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
}

/** A palette entry from RGB and area share (hex, CMYK and Lab derived). */
export function toPaletteColor(rgb: Rgb, share: number, name?: string): PaletteColor {
  const lab = rgbToLab(rgb).map((v) => Math.round(v * 100) / 100) as unknown as PaletteColor['lab'];
  return {
    hex: toHex(rgb),
    rgb: [rgb[0], rgb[1], rgb[2]],
    cmyk: uncalibratedCmyk(rgb),
    lab,
    share: Math.round(share * 10_000) / 10_000,
    ...(name ? { name } : {}),
  };
}

/** Palette colours from hex strings (a locked palette given as options). Null entries are invalid. */
export function paletteFromHex(hexes: readonly string[]): Rgb[] | null {
  const colours = hexes.map(parseHex);
  return colours.every((c) => c !== null) ? (colours as Rgb[]) : null;
}

export interface Assignment {
  /** Palette index per pixel; 255 where the pixel is transparent or excluded. */
  readonly indices: Uint8Array;
  /** Pixels per palette index. */
  readonly counts: number[];
}

/** Maps every opaque, non-excluded pixel to its nearest palette colour (CIE76). */
export function assignToPalette(
  image: RgbaImage,
  palette: readonly { readonly rgb: Rgb; readonly lab?: Lab }[],
  exclude?: Uint8Array,
): Assignment {
  const { width, height, data } = image;
  const pixels = width * height;
  const indices = new Uint8Array(pixels).fill(255);
  const counts = new Float64Array(palette.length);
  if (palette.length === 0) return { indices, counts: [] };
  const labs = palette.map((colour) => colour.lab ?? rgbToLab(colour.rgb));
  const nearest = new Map<number, number>();
  const words = new Uint32Array(data.buffer, data.byteOffset, pixels);
  let lastWord = -1;
  let lastIndex = 0;
  for (let i = 0; i < pixels; i++) {
    const word = words[i] as number;
    // Little-endian RGBA: alpha is the top byte.
    if (word >>> 24 < OPAQUE_ALPHA || (exclude !== undefined && exclude[i] === 1)) continue;
    if (word !== lastWord) {
      const key = word & 0xffffff;
      let index = nearest.get(key);
      if (index === undefined) {
        index = nearestIndex(rgbToLab([key & 255, (key >>> 8) & 255, key >>> 16]), labs);
        nearest.set(key, index);
      }
      lastWord = word;
      lastIndex = index;
    }
    indices[i] = lastIndex;
    counts[lastIndex] = (counts[lastIndex] as number) + 1;
  }
  return { indices, counts: [...counts] };
}

function nearestIndex(lab: Lab, labs: readonly Lab[]): number {
  let index = 0;
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < labs.length; k++) {
    const d = deltaE76(lab, labs[k] as Lab);
    if (d < best) {
      best = d;
      index = k;
    }
  }
  return index;
}
