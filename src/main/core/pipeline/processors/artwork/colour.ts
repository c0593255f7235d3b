import type { Palette } from '../../../../../shared/palette.ts';

/** Colour arithmetic for placing a mark on a background: WCAG luminance and contrast, ink statistics. */

import { contrast, luminance, type Rgb } from '../../../../../shared/colour.ts';
import type { RgbaImage } from '../raster/rgba.ts';

export { contrast, luminance, parseHex, type Rgb, toHex } from '../../../../../shared/colour.ts';

/** What a mark is drawn with: its main colours and how much of it reads against a background. */
export interface Ink {
  /** Colours of the opaque area by share, most used first (quantized to 16 levels per channel). */
  readonly colours: readonly { readonly rgb: Rgb; readonly share: number }[];
  /** Total alpha-weighted ink, in pixels. */
  readonly coverage: number;
  /** The artboard is filled edge to edge with a light colour: paper drawn into the art, not ink. */
  readonly backdrop?: boolean;
}

/**
 * Ink statistics of raw RGBA pixels (alpha-weighted, so anti-aliased fringes count little).
 * `stride` samples every n-th pixel: shares of a large render need no more (coverage scales back).
 * Given the image's `width`, pixels beside its paper (a neighbour under half covered) are left
 * out: see measureArtInk.
 */
export function measureInk(rgba: Uint8Array | Buffer, stride = 1, width?: number): Ink {
  // 4096 bins (4 bits a channel) in typed arrays: a Map entry per sampled pixel cost more than the rest.
  const sums = new Float64Array(BINS * 4);
  let coverage = 0;
  const step = 4 * Math.max(1, Math.floor(stride));
  const row = width === undefined ? 0 : width * 4;
  for (let i = 0; i < rgba.length; i += step) {
    const alpha = (rgba[i + 3] as number) / 255;
    if (alpha < 0.5) continue;
    if (row > 0 && besidePaper(rgba, i, row)) continue;
    const r = rgba[i] as number;
    const g = rgba[i + 1] as number;
    const b = rgba[i + 2] as number;
    const o = (((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4)) * 4;
    sums[o] = (sums[o] as number) + r * alpha;
    sums[o + 1] = (sums[o + 1] as number) + g * alpha;
    sums[o + 2] = (sums[o + 2] as number) + b * alpha;
    sums[o + 3] = (sums[o + 3] as number) + alpha;
    coverage += alpha;
  }
  const bins: { r: number; g: number; b: number; weight: number }[] = [];
  for (let o = 0; o < sums.length; o += 4) {
    const weight = sums[o + 3] as number;
    if (weight > 0) bins.push({ r: sums[o] as number, g: sums[o + 1] as number, b: sums[o + 2] as number, weight });
  }
  const colours = bins
    .sort((a, b) => b.weight - a.weight)
    .map((bin) => ({
      rgb: [bin.r / bin.weight, bin.g / bin.weight, bin.b / bin.weight].map(Math.round) as unknown as Rgb,
      share: coverage > 0 ? bin.weight / coverage : 0,
    }));
  return { colours, coverage: coverage * (step / 4) };
}

const BINS = 4096;

/**
 * Ink statistics of a background-decided image, without the pixels beside its paper. Where the
 * paper was taken out of an opaque master (a JPEG, a render on white), the art's outermost pixels
 * are its colour mixed with the paper, lighter than anything drawn; counted as light details they
 * turned the knockout rule on. django REST on white: the rim of its grey band read L* 86, so the
 * rule cut the rim as paper and the bilevel trace lost it (IoU 0.985, passing from the SVG).
 */
export function measureArtInk(image: RgbaImage, stride = 1): Ink {
  return measureInk(image.data, stride, image.width);
}

/** Whether the pixel at byte offset `i` has a 4-neighbour under half covered (paper, not art). */
function besidePaper(rgba: Uint8Array | Buffer, i: number, row: number): boolean {
  const x = i % row;
  return (
    (x > 0 && (rgba[i - 1] as number) < 128) ||
    (x + 4 < row && (rgba[i + 7] as number) < 128) ||
    (i >= row && (rgba[i + 3 - row] as number) < 128) ||
    (i + row < rgba.length && (rgba[i + 3 + row] as number) < 128)
  );
}

/** Share of the ink (0-1) whose contrast against `background` is below `minimum`. */
export function vanishingShare(ink: Ink, background: Rgb, minimum = 2): number {
  let share = 0;
  for (const colour of ink.colours) if (contrast(colour.rgb, background) < minimum) share += colour.share;
  return share;
}

/**
 * The first candidate background the mark does not disappear into: at most half of its ink may
 * fall under a 1.5:1 contrast. Lenient on purpose: a yellow flame inside a red outline still
 * reads on white; a white mark on white does not.
 */
export function legibleBackground(ink: Ink, candidates: readonly Rgb[]): Rgb | null {
  return candidates.find((candidate) => vanishingShare(ink, candidate, 1.5) <= 0.5) ?? null;
}

/** The ink's most used colour that is neither near-white nor near-black (a brand colour), if any. */
export function brandColour(ink: Ink): Rgb | null {
  for (const colour of ink.colours) {
    const l = luminance(colour.rgb);
    const [r, g, b] = colour.rgb;
    const chroma = Math.max(r, g, b) - Math.min(r, g, b);
    if (colour.share >= 0.05 && l > 0.02 && l < 0.9 && chroma > 24) return colour.rgb;
  }
  return null;
}

/** The palette's most used chromatic colour (brand colour), else its most used colour; null without a palette. */
export function paletteBrand(palette: Palette | null | undefined): Rgb | null {
  const colours = palette?.colors ?? [];
  const chromatic = colours.find((c) => Math.max(...c.rgb) - Math.min(...c.rgb) > 24 && luminance(c.rgb) < 0.9);
  return (chromatic ?? colours[0])?.rgb ?? null;
}
