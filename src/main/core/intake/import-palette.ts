import type { PaletteColor } from '../../../shared/palette.ts';
import { logoPalette } from '../pipeline/processors/palette.ts';
import type { RgbaImage } from '../pipeline/processors/raster/rgba.ts';

/** Longest side the colours are counted at on import: plenty for search, a few ms a logo. */
const IMPORT_PALETTE_SIDE = 256;

/**
 * The logo's palette, measured by the palette recipe's own rule (transparent and paper pixels
 * excluded, fringes dropped) on a nearest-neighbour reduction of the preview pixels the intake
 * already decoded: no second decode, and no anti-alias blends invented by the reduction.
 */
export function importPalette(preview: RgbaImage): readonly PaletteColor[] {
  return logoPalette(shrink(preview, IMPORT_PALETTE_SIDE)).colors;
}

function shrink(image: RgbaImage, side: number): RgbaImage {
  // Always a fresh, 4-byte-aligned array: the palette counter reads pixels as 32-bit words, and a
  // small Buffer from sharp may sit at an odd offset in Node's shared pool.
  const scale = Math.min(1, side / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, Math.floor((y + 0.5) / scale));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(image.width - 1, Math.floor((x + 0.5) / scale));
      const from = (sy * image.width + sx) * 4;
      data.set(image.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}
