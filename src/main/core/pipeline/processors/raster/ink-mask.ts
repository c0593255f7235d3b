import { deltaE76, type Lab, LabCache, type Rgb } from '../../../../../shared/colour.ts';
import { maskBounds, type PixelBox } from '../vector/potrace.ts';
import { type Background, backgroundColourMask, DEFAULT_BACKGROUND_TOLERANCE, detectBackground } from './background.ts';
import { extractPalette } from './palette.ts';
import { dominantColour, OPAQUE_ALPHA, type RgbaImage, usesTransparency } from './rgba.ts';

export interface InkMaskOptions {
  /** 0-1: how far from the background towards the ink a pixel must be to count as ink (default 0.5). */
  readonly threshold?: number;
  /** CIE76 distance under which a colour is the background's (default 12). */
  readonly tolerance?: number;
}

export interface InkMask {
  /** 1 where the mark is. */
  readonly mask: Uint8Array;
  /** Bounding box of the mask, null when empty. */
  readonly box: PixelBox | null;
  /** How the mark was told from its background. */
  readonly mode: 'alpha' | 'background-distance' | 'luminance';
  readonly background: Background | null;
  /** The mark's dominant colour (black when unknown). */
  readonly ink: Rgb;
}

/**
 * Separates the mark from its background whatever their colours. Transparent logos use alpha.
 * Logos on a flat background classify each pixel by where it lies between the background colour
 * and the nearest of the mark's own colours (in Lab), so a light green mark on white traces in
 * full where a luminance < 128 cut would lose it. Without a flat background: luminance.
 */
export function inkMask(image: RgbaImage, options: InkMaskOptions = {}): InkMask {
  const threshold = Math.min(1, Math.max(0, options.threshold ?? 0.5));
  const tolerance = options.tolerance ?? DEFAULT_BACKGROUND_TOLERANCE;
  const { data } = image;
  const pixels = image.width * image.height;
  const mask = new Uint8Array(pixels);

  if (usesTransparency(image)) {
    const cut = Math.max(1, Math.round(threshold * 255));
    const { width, height } = image;
    let x0 = width;
    let x1 = 0;
    let y0 = height;
    let y1 = 0;
    for (let y = 0; y < height; y++) {
      let first = -1;
      let last = -1;
      for (let x = 0, i = y * width; x < width; x++, i++) {
        if ((data[i * 4 + 3] as number) >= cut) {
          mask[i] = 1;
          if (first < 0) first = x;
          last = x;
        }
      }
      if (first < 0) continue;
      if (y < y0) y0 = y;
      y1 = y + 1;
      if (first < x0) x0 = first;
      if (last + 1 > x1) x1 = last + 1;
    }
    const box = x1 > x0 ? { x0, y0, x1, y1 } : null;
    return { mask, box, mode: 'alpha', background: null, ink: dominantColour(image, mask) };
  }

  const background = detectBackground(image, tolerance);
  if (!background) {
    for (let i = 0; i < pixels; i++) {
      const o = i * 4;
      const luminance =
        0.2126 * (data[o] as number) + 0.7152 * (data[o + 1] as number) + 0.0722 * (data[o + 2] as number);
      mask[i] = (data[o + 3] as number) >= OPAQUE_ALPHA && 1 - luminance / 255 >= threshold ? 1 : 0;
    }
    return {
      mask,
      box: maskBounds(mask, image.width, image.height),
      mode: 'luminance',
      background: null,
      ink: [0, 0, 0],
    };
  }

  const inks = extractPalette(image, { exclude: backgroundColourMask(image, background, tolerance) });
  const inkLabs: Lab[] = inks.map((colour) => colour.lab);
  const labs = new LabCache();
  const decided = new Map<number, number>();
  const words = new Uint32Array(data.buffer, data.byteOffset, pixels);
  let lastKey = -1;
  let lastOn = 0;
  for (let i = 0; i < pixels; i++) {
    if ((data[i * 4 + 3] as number) < OPAQUE_ALPHA) continue;
    const key = words[i] as number;
    if (key === lastKey) {
      mask[i] = lastOn;
      continue;
    }
    let on = decided.get(key);
    if (on === undefined) {
      const lab = labs.get(data[i * 4] as number, data[i * 4 + 1] as number, data[i * 4 + 2] as number);
      const toBackground = deltaE76(lab, background.lab);
      if (inkLabs.length === 0) {
        on = toBackground > tolerance ? 1 : 0;
      } else {
        let toInk = Number.POSITIVE_INFINITY;
        for (const inkLab of inkLabs) toInk = Math.min(toInk, deltaE76(lab, inkLab));
        const position = toBackground + toInk === 0 ? 0 : toBackground / (toBackground + toInk);
        on = position >= threshold ? 1 : 0;
      }
      decided.set(key, on);
    }
    mask[i] = on;
    lastKey = key;
    lastOn = on;
  }
  return {
    mask,
    box: maskBounds(mask, image.width, image.height),
    mode: 'background-distance',
    background,
    ink: inks[0]?.rgb ?? [0, 0, 0],
  };
}
