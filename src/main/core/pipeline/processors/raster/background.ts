import { deltaE76, type Lab, LabCache, type Rgb, rgbToLab } from '../../../../../shared/colour.ts';
import { forEachBorderPixel, OPAQUE_ALPHA, type RgbaImage } from './rgba.ts';

/** A flat background found on the image border. */
export interface Background {
  readonly rgb: Rgb;
  readonly lab: Lab;
  /** Share of the border pixels within tolerance of it, 0-1. */
  readonly borderShare: number;
}

/** Default tolerance (CIE76) for "same as the background": above JPEG noise, below light tints. */
export const DEFAULT_BACKGROUND_TOLERANCE = 12;

/**
 * Finds the flat colour that most of the border shares (white paper, a solid colour, JPEG noise
 * around one). Null when the border is mostly transparent or has no dominant colour (a photo).
 */
export function detectBackground(
  image: RgbaImage,
  tolerance = DEFAULT_BACKGROUND_TOLERANCE,
  minBorderShare = 0.5,
): Background | null {
  const { data } = image;
  // Mode of the border on a coarse grid (5 bits per channel), then the mean of that bin: robust to
  // noise, exact on flat borders.
  const bins = new Map<number, { count: number; r: number; g: number; b: number }>();
  let total = 0;
  forEachBorderPixel(image, (o) => {
    total++;
    if ((data[o + 3] as number) < OPAQUE_ALPHA) return;
    const r = data[o] as number;
    const g = data[o + 1] as number;
    const b = data[o + 2] as number;
    const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
    const bin = bins.get(key) ?? { count: 0, r: 0, g: 0, b: 0 };
    bin.count++;
    bin.r += r;
    bin.g += g;
    bin.b += b;
    bins.set(key, bin);
  });
  let best: { count: number; r: number; g: number; b: number } | undefined;
  for (const bin of bins.values()) if (!best || bin.count > best.count) best = bin;
  if (!best || total === 0) return null;
  const rgb: Rgb = [Math.round(best.r / best.count), Math.round(best.g / best.count), Math.round(best.b / best.count)];
  const lab = rgbToLab(rgb);
  const labs = new LabCache();
  let near = 0;
  forEachBorderPixel(image, (o) => {
    if ((data[o + 3] as number) < OPAQUE_ALPHA) return;
    if (deltaE76(labs.get(data[o] as number, data[o + 1] as number, data[o + 2] as number), lab) <= tolerance) near++;
  });
  const borderShare = near / total;
  return borderShare >= minBorderShare ? { rgb, lab, borderShare } : null;
}

/** nearBackground's marks: within tolerance of the paper, and (a bit on top) not within `offBy` of it. */
export const NEAR = 1;
export const NEAR_OFF = 3;

/**
 * NEAR (1) where a pixel is transparent or within `tolerance` of the background colour, 0 elsewhere;
 * with `offBy`, an opaque near pixel further than that from the paper is NEAR_OFF (3) instead: a
 * light tint, not the paper itself, told apart in the same pass. Logos repeat few colours, so each
 * colour word is judged once: a run memo, then a direct-mapped table (a Map lookup per
 * anti-aliased pixel cost more than the rest of the pass).
 */
export function nearBackground(
  image: RgbaImage,
  background: Background,
  tolerance: number,
  offBy = Number.POSITIVE_INFINITY,
): Uint8Array {
  const { data } = image;
  const pixels = image.width * image.height;
  const out = new Uint8Array(pixels);
  const words = new Uint32Array(data.buffer, data.byteOffset, pixels);
  // Slot = a hash of the word; a slot holds the last word judged there (verdict + 1; 0 = empty).
  const keys = new Uint32Array(NEAR_TABLE_SIZE);
  const verdicts = new Uint8Array(NEAR_TABLE_SIZE);
  let lastWord = -1;
  let lastNear = 0;
  for (let i = 0; i < pixels; i++) {
    const word = words[i] as number;
    if (word !== lastWord) {
      lastWord = word;
      const slot = Math.imul(word, 0x9e3779b1) >>> (32 - NEAR_TABLE_BITS);
      if (verdicts[slot] !== 0 && keys[slot] === word) lastNear = (verdicts[slot] as number) - 1;
      else {
        const o = i * 4;
        if ((data[o + 3] as number) < OPAQUE_ALPHA) lastNear = NEAR;
        else {
          const distance = deltaE76(
            rgbToLab([data[o] as number, data[o + 1] as number, data[o + 2] as number]),
            background.lab,
          );
          lastNear = distance > tolerance ? 0 : distance > offBy ? NEAR_OFF : NEAR;
        }
        keys[slot] = word;
        verdicts[slot] = lastNear + 1;
      }
    }
    out[i] = lastNear;
  }
  return out;
}

const NEAR_TABLE_BITS = 14;
const NEAR_TABLE_SIZE = 1 << NEAR_TABLE_BITS;

/**
 * Marks the background region: pixels within `tolerance` of the background colour (or transparent)
 * connected to the border through such pixels (4-connectivity). Enclosed areas of the same colour,
 * the white inside letters, are not reached and stay part of the logo. `near` (see nearBackground)
 * may be passed when the caller has it already.
 */
export function floodFillBackground(
  image: RgbaImage,
  background: Background,
  tolerance: number,
  near: Uint8Array = nearBackground(image, background, tolerance),
): Uint8Array {
  const { width, height } = image;
  const mask = new Uint8Array(width * height);
  // A scanline fill: each popped seed fills its whole run of the row, then seeds the runs above
  // and below it. The same region as a pixel-by-pixel 4-connected fill, in far fewer steps.
  const stack: number[] = [];
  forEachBorderPixel(image, (_o, index) => {
    if (mask[index] === 0 && near[index]) stack.push(index);
  });
  while (stack.length > 0) {
    const seed = stack.pop() as number;
    if (mask[seed] === 1) continue;
    const row = seed - (seed % width);
    let left = seed;
    while (left > row && mask[left - 1] === 0 && near[left - 1]) left--;
    let right = seed;
    while (right < row + width - 1 && mask[right + 1] === 0 && near[right + 1]) right++;
    mask.fill(1, left, right + 1);
    if (row > 0) seedRuns(left - width, right - width, mask, near, stack);
    if (row + width < mask.length) seedRuns(left + width, right + width, mask, near, stack);
  }
  return mask;
}

/** Pushes one seed per run of unfilled background pixels in [from, to] of a row. */
function seedRuns(from: number, to: number, mask: Uint8Array, near: Uint8Array, stack: number[]): void {
  let inRun = false;
  for (let i = from; i <= to; i++) {
    const open = mask[i] === 0 && near[i] !== 0;
    if (open && !inRun) stack.push(i);
    inRun = open;
  }
}

/**
 * Removes the background region and defringes the edge band: each logo pixel touching the
 * background is un-mixed, P = a*F + (1-a)*B, with F the colour of the logo beside it and B the
 * background, so edges keep their anti-aliasing as alpha instead of a light halo. Only the edge
 * band is visited pixel by pixel (it runs on every opaque master a trace or a PDF reads).
 */
export function removeBackgroundRegion(image: RgbaImage, mask: Uint8Array, background: Background): RgbaImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data);
  const edges = edgeBand(mask, width, height);
  clearAlpha(out, mask);
  const edge = edges.band;
  for (let k = 0; k < edges.count; k++) {
    const i = edges.indices[k] as number;
    const o = i * 4;
    const pixel = colourAt(out, i);
    const source = edgeColourSource({ image, mask, edge, paper: background.rgb }, i, pixel);
    const [share, fr, fg, fb] = unmixFrom(data, pixel, background.rgb, source);
    const alpha = Math.min(1, Math.max(0, share));
    out[o] = Math.round(Math.min(255, Math.max(0, fr)));
    out[o + 1] = Math.round(Math.min(255, Math.max(0, fg)));
    out[o + 2] = Math.round(Math.min(255, Math.max(0, fb)));
    out[o + 3] = Math.round(alpha * (data[o + 3] as number));
  }

  return { width, height, data: out };
}

/** An image with its background region (`mask`), the logo pixels touching it (`edge`) and its paper colour. */
interface EdgeBand {
  readonly image: RgbaImage;
  readonly mask: Uint8Array;
  readonly edge: Uint8Array;
  readonly paper: Rgb;
}

/**
 * The pixel whose colour an edge pixel is a mix of with the paper, or -1 for none (colour-to-alpha).
 * The nearest interior pixel first; when the edge pixel is no mix of it (the edge of a black
 * scratch beside a yellow letter, babel's on white, was read as solid yellow), the interior pixel
 * within reach it mixes best with, then the hairline's own core. A hairline has no interior: its
 * core (the pixel of it furthest from the paper) is the best guess at its colour. Colour-to-alpha
 * would call a light grey rule a faint black one; it stays for specks (JPEG noise), where a faint
 * dark guess is the safer one.
 */
function edgeColourSource(band: EdgeBand, index: number, pixel: Rgb): number {
  const { image, mask, edge, paper } = band;
  const { width, height, data } = image;
  const fits = (j: number) => j >= 0 && unmixError(data, pixel, paper, j) <= UNMIX_TOLERANCE_2;
  const nearest = nearestInterior(width, height, mask, edge, index);
  if (fits(nearest)) return nearest;
  if (nearest >= 0) {
    const best = bestFittingInterior(band, index, pixel);
    if (fits(best)) return best;
  }
  const core = hairlineCore(width, height, data, mask, index, paper);
  if (fits(core)) return core;
  // Nothing near is a clean mix: the nearest colour's share still tells more than colour-to-alpha's
  // least alpha, which would thin every ambiguous edge (django REST's grey rules beside red).
  return nearest >= 0 ? nearest : core;
}

/**
 * How far (squared, RGB levels) an edge pixel may be from the mix it is read as: JPEG noise and
 * rounding, not a different colour (a grey beside yellow is 150 levels off).
 */
const UNMIX_TOLERANCE_2 = 24 * 24;

/** The alpha and colour of `pixel` read as a mix of pixel `source` (or colour-to-alpha for -1) over the paper. */
function unmixFrom(data: Uint8Array, pixel: Rgb, paper: Rgb, source: number): [number, number, number, number] {
  if (source < 0) return colourToAlpha(pixel[0], pixel[1], pixel[2], paper);
  const f = colourAt(data, source);
  return [unmixAlpha(pixel, paper, f), f[0], f[1], f[2]];
}

function colourAt(data: Uint8Array, pixel: number): Rgb {
  return [data[pixel * 4] as number, data[pixel * 4 + 1] as number, data[pixel * 4 + 2] as number];
}

/** The share of `f` in `pixel` over `paper`, by projection (unclamped). */
function unmixAlpha(pixel: Rgb, [br, bg, bb]: Rgb, [fr, fg, fb]: Rgb): number {
  const dr = fr - br;
  const dg = fg - bg;
  const db = fb - bb;
  const len2 = dr * dr + dg * dg + db * db;
  return len2 === 0 ? 1 : ((pixel[0] - br) * dr + (pixel[1] - bg) * dg + (pixel[2] - bb) * db) / len2;
}

/** Squared distance between `pixel` and its best mix of pixel `j`'s colour with the paper. */
function unmixError(data: Uint8Array, pixel: Rgb, paper: Rgb, j: number): number {
  const f = colourAt(data, j);
  const a = Math.min(1, Math.max(0, unmixAlpha(pixel, paper, f)));
  const off = (c: 0 | 1 | 2) => pixel[c] - (a * f[c] + (1 - a) * paper[c]);
  return off(0) ** 2 + off(1) ** 2 + off(2) ** 2;
}

/** Of the interior pixels within 3 px, the one the edge pixel is the closest mix of (-1 for none). */
function bestFittingInterior({ image, mask, edge, paper }: EdgeBand, index: number, pixel: Rgb): number {
  const { width, height, data } = image;
  const x = index % width;
  const y = (index - x) / width;
  let best = -1;
  let bestError = Number.POSITIVE_INFINITY;
  for (let yy = Math.max(0, y - 3); yy <= Math.min(height - 1, y + 3); yy++)
    for (let xx = Math.max(0, x - 3); xx <= Math.min(width - 1, x + 3); xx++) {
      const j = yy * width + xx;
      if (mask[j] || edge[j]) continue;
      const error = unmixError(data, pixel, paper, j);
      if (error < bestError) {
        bestError = error;
        best = j;
      }
    }
  return best;
}

/** Makes the pixels `mask` marks fully transparent, four mask bytes at a time. */
function clearAlpha(rgba: Uint8Array, mask: Uint8Array): void {
  const pixels = rgba32(rgba);
  const quads = mask.length >> 2;
  const mask32 = new Uint32Array(mask.buffer, mask.byteOffset, quads);
  for (let w = 0; w < quads; w++) {
    const m = mask32[w] as number;
    if (m === 0) continue;
    const i = w << 2;
    if (m === 0x01010101) {
      pixels[i] = (pixels[i] as number) & 0xffffff;
      pixels[i + 1] = (pixels[i + 1] as number) & 0xffffff;
      pixels[i + 2] = (pixels[i + 2] as number) & 0xffffff;
      pixels[i + 3] = (pixels[i + 3] as number) & 0xffffff;
    } else for (let k = i; k < i + 4; k++) if (mask[k]) pixels[k] = (pixels[k] as number) & 0xffffff;
  }
  for (let k = quads << 2; k < mask.length; k++) if (mask[k]) pixels[k] = (pixels[k] as number) & 0xffffff;
}

/** 32-bit pixels over RGBA bytes (alpha in the top byte on the little-endian machines we run on). */
function rgba32(rgba: Uint8Array): Uint32Array {
  return new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length >> 2);
}

/**
 * Colour-to-alpha on the listed pixels of `image` (what `removeBackgroundRegion` returned): each
 * becomes the most transparent colour that shows as the original pixel over the background. Soft
 * shading (a shadow on paper) goes back to what it was drawn as: dark ink at partial opacity.
 */
export function fadeIntoBackground(
  image: RgbaImage,
  original: RgbaImage,
  indices: readonly number[],
  background: Background,
): void {
  for (const i of indices) {
    const o = i * 4;
    const [alpha, r, g, b] = colourToAlpha(
      original.data[o] as number,
      original.data[o + 1] as number,
      original.data[o + 2] as number,
      background.rgb,
    );
    image.data[o] = Math.round(Math.min(255, Math.max(0, r)));
    image.data[o + 1] = Math.round(Math.min(255, Math.max(0, g)));
    image.data[o + 2] = Math.round(Math.min(255, Math.max(0, b)));
    image.data[o + 3] = Math.round(alpha * (original.data[o + 3] as number));
  }
}

/**
 * GIMP-style colour-to-alpha: the least alpha, and the colour at that alpha, that shows as (pr, pg,
 * pb) over the background. The colour is unclamped (the callers round and clamp it).
 */
function colourToAlpha(
  pr: number,
  pg: number,
  pb: number,
  [br, bg, bb]: readonly [number, number, number],
): [alpha: number, r: number, g: number, b: number] {
  const alpha = Math.max(toAlpha(pr, br), toAlpha(pg, bg), toAlpha(pb, bb));
  if (alpha <= 0) return [0, pr, pg, pb];
  return [alpha, br + (pr - br) / alpha, bg + (pg - bg) / alpha, bb + (pb - bb) / alpha];
}

/** The least alpha of colour `p` over background `b` for one channel (colour-to-alpha). */
function toAlpha(p: number, b: number): number {
  if (p < b) return (b - p) / b;
  if (p > b) return (p - b) / (255 - b);
  return 0;
}

/**
 * The pixel within HAIRLINE_RADIUS of `index` (itself included) that is not background and lies
 * furthest from the background colour: the core of a line too thin to have an interior. -1 for a
 * speck: fewer than HAIRLINE_MIN_PIXELS pixels around are at least half as far from the paper.
 */
function hairlineCore(
  width: number,
  height: number,
  data: Uint8Array,
  mask: Uint8Array,
  index: number,
  [br, bg, bb]: readonly [number, number, number],
): number {
  const x = index % width;
  const y = (index - x) / width;
  const y0 = Math.max(0, y - HAIRLINE_RADIUS);
  const y1 = Math.min(height - 1, y + HAIRLINE_RADIUS);
  const x0 = Math.max(0, x - HAIRLINE_RADIUS);
  const x1 = Math.min(width - 1, x + HAIRLINE_RADIUS);
  const distance = (j: number): number => {
    const dr = (data[j * 4] as number) - br;
    const dg = (data[j * 4 + 1] as number) - bg;
    const db = (data[j * 4 + 2] as number) - bb;
    return dr * dr + dg * dg + db * db;
  };
  let best = -1;
  let bestDistance = 0;
  for (let yy = y0; yy <= y1; yy++)
    for (let xx = x0; xx <= x1; xx++) {
      const j = yy * width + xx;
      if (mask[j]) continue;
      const d = distance(j);
      if (d > bestDistance) {
        bestDistance = d;
        best = j;
      }
    }
  if (best < 0) return -1;
  // Squared distances: "half as far" is a quarter of the core's.
  let line = 0;
  for (let yy = y0; yy <= y1; yy++)
    for (let xx = x0; xx <= x1; xx++) {
      const j = yy * width + xx;
      if (!mask[j] && distance(j) * 4 >= bestDistance) line++;
    }
  return line >= HAIRLINE_MIN_PIXELS ? best : -1;
}

/** How far (px) a hairline pixel looks for its core: a 5 px wide line has an interior pixel. */
const HAIRLINE_RADIUS = 2;
/** A line crosses the 5 x 5 window: at least a run of its length; a JPEG speck is one or two. */
const HAIRLINE_MIN_PIXELS = 4;

/**
 * The pixels not in `mask` that touch it (8-neighbourhood), as a map and a list in scan order. The
 * mask is copied into rows padded with zeros (a word-aligned row length, a zero row above and
 * below), so the dilation runs on four pixels at a time with no special case at the borders: a
 * pass per pixel cost more than the rest of the background removal.
 */
function edgeBand(
  mask: Uint8Array,
  width: number,
  height: number,
): { readonly band: Uint8Array; readonly indices: Int32Array; readonly count: number } {
  // At least one zero byte after each row, so no row's dilation reaches into the next.
  const stride = (width + 4) & ~3;
  const rowWords = stride >> 2;
  const padded = new Uint8Array(stride * (height + 2));
  for (let y = 0; y < height; y++) padded.set(mask.subarray(y * width, (y + 1) * width), (y + 1) * stride);
  const mask32 = new Uint32Array(padded.buffer);
  const words = mask32.length;
  // Each byte ORed with its left and right neighbours (bytes are little-endian within a word).
  const wide32 = new Uint32Array(words);
  for (let w = 0; w < words; w++) {
    const m = mask32[w] as number;
    const prev = w > 0 ? (mask32[w - 1] as number) : 0;
    const next = w < words - 1 ? (mask32[w + 1] as number) : 0;
    wide32[w] = m | (m << 8) | (m >>> 8) | (prev >>> 24) | (next << 24);
  }
  // Then with the rows above and below, less the mask itself; padding bytes are dropped below.
  const padBand = new Uint8Array(padded.length);
  const padBand32 = new Uint32Array(padBand.buffer);
  for (let w = rowWords; w < words - rowWords; w++) {
    const m = mask32[w] as number;
    if (m === 0x01010101) continue;
    padBand32[w] =
      ((wide32[w - rowWords] as number) | (wide32[w] as number) | (wide32[w + rowWords] as number)) & ~m & 0x01010101;
  }
  const band = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) band.set(padBand.subarray((y + 1) * stride, (y + 1) * stride + width), y * width);
  const indices: number[] = [];
  const quads = band.length >> 2;
  const band32 = new Uint32Array(band.buffer, band.byteOffset, quads);
  for (let w = 0; w < quads; w++) {
    if (band32[w] === 0) continue;
    for (let i = w << 2; i < (w << 2) + 4; i++) if (band[i]) indices.push(i);
  }
  for (let i = quads << 2; i < band.length; i++) if (band[i]) indices.push(i);
  return { band, indices: Int32Array.from(indices), count: indices.length };
}

/**
 * The closest logo pixel that is neither background nor edge, within 3 px (square rings, each in
 * row order), or -1.
 */
function nearestInterior(width: number, height: number, mask: Uint8Array, edge: Uint8Array, index: number): number {
  const x = index % width;
  const y = (index - x) / width;
  for (let radius = 1; radius <= 3; radius++) {
    for (let dy = -radius; dy <= radius; dy++) {
      const yy = y + dy;
      if (yy < 0 || yy >= height) continue;
      // The ring: every column on its top and bottom rows, the two end columns between.
      const step = dy === -radius || dy === radius ? 1 : 2 * radius;
      for (let dx = -radius; dx <= radius; dx += step) {
        const xx = x + dx;
        if (xx < 0 || xx >= width) continue;
        const j = yy * width + xx;
        if (!mask[j] && !edge[j]) return j;
      }
    }
  }
  return -1;
}

/** Marks every pixel within `tolerance` of the background colour, wherever it is (1 = background colour). */
export function backgroundColourMask(image: RgbaImage, background: Background, tolerance: number): Uint8Array {
  const { data } = image;
  const pixels = image.width * image.height;
  const mask = new Uint8Array(pixels);
  const labs = new LabCache();
  for (let i = 0; i < pixels; i++) {
    const o = i * 4;
    mask[i] =
      deltaE76(labs.get(data[o] as number, data[o + 1] as number, data[o + 2] as number), background.lab) <= tolerance
        ? 1
        : 0;
  }
  return mask;
}
