import sharp from 'sharp';
import { MarqueError } from '../../../shared/errors.ts';
import { sniffFormat } from './sniff.ts';

/** A bitmap data URI: its declared type and its base64 bytes. The processors read what this lets through. */
export const DATA_IMAGE = /^data:image\/(png|jpeg|jpg|webp|gif);base64,([A-Za-z0-9+/=\s]*)$/i;

/** Running total of the pixels embedded in one SVG, so many small images cannot add up to a bomb. */
export interface EmbeddedBudget {
  pixels: number;
  readonly maxPixels: number;
}

/**
 * Checks a `data:` raster inside an SVG (librsvg decodes it without sharp's pixel limit, see
 * docs/security.md): the declared type must be PNG/JPEG/WebP/GIF, the bytes must be that format, and
 * the header's size must fit the budget. Returns the canonical data URI to write back, or null
 * when the reference is not a data raster at all (the caller drops it). Throws PIXEL_LIMIT for
 * a bomb: a file carrying one is refused, not silently cleaned.
 */
export async function checkEmbeddedRaster(href: string, budget: EmbeddedBudget, file: string): Promise<string | null> {
  const match = DATA_IMAGE.exec(href.trim());
  if (!match) return null;
  const declared = (match[1] as string).toLowerCase().replace('jpg', 'jpeg');
  const bytes = Buffer.from((match[2] as string).replace(/\s+/g, ''), 'base64');
  const actual = sniffFormat(bytes.subarray(0, 64));
  if (actual !== declared) return null;
  let width = 0;
  let height = 0;
  try {
    // Header only: metadata() does not decode pixels.
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    width = meta.width ?? 0;
    height = meta.pageHeight ?? meta.height ?? 0;
  } catch {
    return null;
  }
  if (width < 1 || height < 1) return null;
  budget.pixels += width * height;
  if (width * height > budget.maxPixels || budget.pixels > budget.maxPixels) {
    throw new MarqueError(
      'PIXEL_LIMIT',
      `${file}: embeds a ${width}x${height} image; embedded images are limited to ${Math.round(budget.maxPixels / 1e6)} MP in total`,
    );
  }
  return `data:image/${declared};base64,${bytes.toString('base64')}`;
}
