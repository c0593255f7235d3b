/** An 8-bit straight (not premultiplied) RGBA bitmap, row-major, 4 bytes per pixel. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Alpha at or above this counts as "the logo is here" (coverage masks, potrace input). */
export const OPAQUE_ALPHA = 128;

export function createRgba(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8Array(width * height * 4) };
}

/** True when at least `share` of the border pixels are transparent (alpha < OPAQUE_ALPHA). */
export function hasTransparentBorder(image: RgbaImage, share = 0.5): boolean {
  let transparent = 0;
  let total = 0;
  forEachBorderPixel(image, (offset) => {
    total++;
    if ((image.data[offset + 3] as number) < OPAQUE_ALPHA) transparent++;
  });
  return total > 0 && transparent / total >= share;
}

/** Calls `visit` with the byte offset of every border pixel, each once. */
export function forEachBorderPixel(image: RgbaImage, visit: (offset: number, index: number) => void): void {
  const { width, height } = image;
  for (let x = 0; x < width; x++) {
    visit(x * 4, x);
    if (height > 1) visit(((height - 1) * width + x) * 4, (height - 1) * width + x);
  }
  for (let y = 1; y < height - 1; y++) {
    visit(y * width * 4, y * width);
    if (width > 1) visit((y * width + width - 1) * 4, y * width + width - 1);
  }
}

/**
 * True when the logo carries its own transparency: at least 0.1 % of its pixels are transparent
 * (a mark on a transparent canvas, or one that fills its canvas edge to edge but has rounded
 * corners or cut-outs). Opaque rasters (JPEG, flattened PNG) have none. Such logos are separated by
 * alpha and never get a background removed.
 */
export function usesTransparency(image: RgbaImage): boolean {
  const { data } = image;
  const needed = Math.max(1, Math.ceil(image.width * image.height * 0.001));
  let transparent = 0;
  for (let o = 3; o < data.length; o += 4) {
    if ((data[o] as number) < OPAQUE_ALPHA && ++transparent >= needed) return true;
  }
  return false;
}

/** The most common colour among the masked pixels, from a sample of every `step`-th pixel. */
export function dominantColour(image: RgbaImage, mask: Uint8Array, step = 13): readonly [number, number, number] {
  const { data } = image;
  const counts = new Map<number, number>();
  let best = -1;
  let bestCount = 0;
  for (let i = 0; i < mask.length; i += step) {
    if (!mask[i] || (data[i * 4 + 3] as number) < 250) continue;
    const key = ((data[i * 4] as number) << 16) | ((data[i * 4 + 1] as number) << 8) | (data[i * 4 + 2] as number);
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > bestCount || (count === bestCount && key < best)) {
      best = key;
      bestCount = count;
    }
  }
  return best < 0 ? [0, 0, 0] : [(best >> 16) & 255, (best >> 8) & 255, best & 255];
}
