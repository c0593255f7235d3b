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

/**
 * 1 where a pixel is transparent or within `tolerance` of the background colour. Logos repeat few
 * colours, so each colour word is judged once (a run memo and a map), not once per pixel.
 */
export function nearBackground(image: RgbaImage, background: Background, tolerance: number): Uint8Array {
  const { data } = image;
  const pixels = image.width * image.height;
  const out = new Uint8Array(pixels);
  const words = new Uint32Array(data.buffer, data.byteOffset, pixels);
  const seen = new Map<number, number>();
  let lastWord = -1;
  let lastNear = 0;
  for (let i = 0; i < pixels; i++) {
    const word = words[i] as number;
    if (word !== lastWord) {
      lastWord = word;
      const cached = seen.get(word);
      if (cached !== undefined) lastNear = cached;
      else {
        const o = i * 4;
        lastNear =
          (data[o + 3] as number) < OPAQUE_ALPHA ||
          deltaE76(rgbToLab([data[o] as number, data[o + 1] as number, data[o + 2] as number]), background.lab) <=
            tolerance
            ? 1
            : 0;
        seen.set(word, lastNear);
      }
    }
    out[i] = lastNear;
  }
  return out;
}

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
  const pixels = width * height;
  const mask = new Uint8Array(pixels);
  const stack = new Int32Array(pixels);
  let top = 0;
  forEachBorderPixel(image, (_o, index) => {
    if (mask[index] === 0 && near[index]) {
      mask[index] = 1;
      stack[top++] = index;
    }
  });
  const last = pixels - width;
  while (top > 0) {
    const index = stack[--top] as number;
    const x = index % width;
    let next = index - 1;
    if (x > 0 && mask[next] === 0 && near[next]) {
      mask[next] = 1;
      stack[top++] = next;
    }
    next = index + 1;
    if (x < width - 1 && mask[next] === 0 && near[next]) {
      mask[next] = 1;
      stack[top++] = next;
    }
    next = index - width;
    if (index >= width && mask[next] === 0 && near[next]) {
      mask[next] = 1;
      stack[top++] = next;
    }
    next = index + width;
    if (index < last && mask[next] === 0 && near[next]) {
      mask[next] = 1;
      stack[top++] = next;
    }
  }
  return mask;
}

/**
 * Removes the background region and defringes the edge band: each logo pixel touching the
 * background is un-mixed, P = a*F + (1-a)*B, with F the nearest interior logo colour and B the
 * background, so edges keep their anti-aliasing as alpha instead of a light halo.
 */
export function removeBackgroundRegion(image: RgbaImage, mask: Uint8Array, background: Background): RgbaImage {
  const { width, height } = image;
  const out = new Uint8Array(image.data);
  const edge = edgeBand(mask, width, height);
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[i * 4 + 3] = 0;
  const [br, bg, bb] = background.rgb;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!edge[i]) continue;
      const o = i * 4;
      const p = [out[o] as number, out[o + 1] as number, out[o + 2] as number] as const;
      const interior = nearestInterior(image, mask, edge, x, y);
      let alpha: number;
      let f: readonly number[];
      if (interior) {
        const d = [interior[0] - br, interior[1] - bg, interior[2] - bb];
        const len2 = d[0]! * d[0]! + d[1]! * d[1]! + d[2]! * d[2]!;
        alpha = len2 === 0 ? 1 : ((p[0] - br) * d[0]! + (p[1] - bg) * d[1]! + (p[2] - bb) * d[2]!) / len2;
        f = interior;
      } else {
        // No interior colour near (a hairline): GIMP-style colour-to-alpha, the least alpha that explains P.
        alpha = 0;
        const b = [br, bg, bb];
        for (let c = 0; c < 3; c++) {
          const pc = p[c] as number;
          const bc = b[c] as number;
          if (pc < bc) alpha = Math.max(alpha, (bc - pc) / bc);
          else if (pc > bc) alpha = Math.max(alpha, (pc - bc) / (255 - bc));
        }
        f = alpha > 0 ? b.map((bc, c) => bc + ((p[c] as number) - bc) / alpha) : p;
      }
      alpha = Math.min(1, Math.max(0, alpha));
      for (let c = 0; c < 3; c++) out[o + c] = Math.round(Math.min(255, Math.max(0, f[c] as number)));
      out[o + 3] = Math.round(alpha * (image.data[o + 3] as number));
    }
  }
  return { width, height, data: out };
}

/**
 * 1 where a pixel is not in `mask` but touches it (8-neighbourhood): a row-wise dilation, then
 * the rows above and below, instead of probing 3 x 3 pixels around every pixel.
 */
function edgeBand(mask: Uint8Array, width: number, height: number): Uint8Array {
  const wide = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      wide[i] =
        (mask[i] as number) | (x > 0 ? (mask[i - 1] as number) : 0) | (x < width - 1 ? (mask[i + 1] as number) : 0);
    }
  }
  const edge = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) {
    if (mask[i]) continue;
    edge[i] =
      (wide[i] as number) |
      (i >= width ? (wide[i - width] as number) : 0) |
      (i < mask.length - width ? (wide[i + width] as number) : 0);
  }
  return edge;
}

/** The colour of the closest logo pixel that is neither background nor edge, within 3 px. */
function nearestInterior(
  image: RgbaImage,
  mask: Uint8Array,
  edge: Uint8Array,
  x: number,
  y: number,
): readonly [number, number, number] | null {
  const { width, height, data } = image;
  for (let radius = 1; radius <= 3; radius++) {
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== radius) continue;
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
        const j = yy * width + xx;
        if (mask[j] || edge[j]) continue;
        return [data[j * 4] as number, data[j * 4 + 1] as number, data[j * 4 + 2] as number];
      }
    }
  }
  return null;
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
