import sharp from 'sharp';
import { limitCoverage } from '../../../colour/icc.ts';
import type { Press } from '../../../colour/press.ts';
import type { ArtBitmap, PaintItem, SvgArt } from '../svg/art.ts';
import type { PrintBitmap } from '../svg/display-list.ts';
import { type Matrix, multiply, translate } from '../svg/matrix.ts';
import { viewBoxTransform } from '../svg/viewport.ts';

/** The intake holds a master's embedded bitmaps to this many pixels in all; decoding checks again. */
const MAX_BITMAP_PIXELS = 64_000_000;

export interface PrintBitmaps {
  readonly bitmaps: ReadonlyMap<PaintItem, PrintBitmap>;
  readonly warnings: readonly string[];
}

/**
 * Decodes every bitmap of the art for print: CMYK through the press profile within its coverage
 * limit, alpha kept. The PDF draws these pixels as images, as Illustrator keeps a placed bitmap.
 * One that cannot be decoded is left out and said so.
 */
export async function printBitmaps(art: SvgArt, press: Press): Promise<PrintBitmaps> {
  const bitmaps = new Map<PaintItem, PrintBitmap>();
  let unreadable = 0;
  for (const item of art.items) {
    if (!item.bitmap) continue;
    const decoded = await printBitmap(item.bitmap, press).catch(() => null);
    if (decoded) bitmaps.set(item, decoded);
    else unreadable++;
  }
  const warnings =
    unreadable > 0
      ? [
          `${unreadable} embedded bitmap${unreadable === 1 ? '' : 's'} could not be decoded and ${unreadable === 1 ? 'is' : 'are'} left out`,
        ]
      : [];
  return { bitmaps, warnings };
}

async function printBitmap(bitmap: ArtBitmap, press: Press): Promise<PrintBitmap | null> {
  const { data, info } = await sharp(bitmap.bytes, { limitInputPixels: MAX_BITMAP_PIXELS })
    .toColourspace('srgb')
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const pixels = width * height;
  const rgb = new Uint8Array(pixels * 3);
  const alpha = new Uint8Array(pixels);
  let translucent = false;
  for (let i = 0; i < pixels; i++) {
    rgb[i * 3] = data[i * 4] as number;
    rgb[i * 3 + 1] = data[i * 4 + 1] as number;
    rgb[i * 3 + 2] = data[i * 4 + 2] as number;
    alpha[i] = data[i * 4 + 3] as number;
    if (alpha[i] !== 255) translucent = true;
  }
  const percent = press.transform.toCmykPixels(rgb);
  const limit = press.setup.coverageLimit;
  const cmyk = new Uint8Array(pixels * 4);
  for (let i = 0; i < pixels; i++) {
    const o = i * 4;
    const within = limitCoverage(
      [percent[o] as number, percent[o + 1] as number, percent[o + 2] as number, percent[o + 3] as number],
      limit,
    );
    for (let c = 0; c < 4; c++) cmyk[o + c] = Math.round((within[c] as number) * 2.55);
  }
  return { width, height, cmyk, alpha: translucent ? alpha : null, unitToItem: bitmapBox(bitmap, width, height) };
}

/**
 * Where the bitmap's unit square lands in its item's user space: fitted into its viewport as
 * preserveAspectRatio says (SVG 2 §12.3), a missing width or height taken from the bitmap's own
 * size and aspect.
 */
export function bitmapBox(bitmap: ArtBitmap, pixelWidth: number, pixelHeight: number): Matrix {
  const width = bitmap.width ?? (bitmap.height === null ? pixelWidth : (bitmap.height * pixelWidth) / pixelHeight);
  const height = bitmap.height ?? (bitmap.width === null ? pixelHeight : (bitmap.width * pixelHeight) / pixelWidth);
  const fit = viewBoxTransform(
    { x: 0, y: 0, width: pixelWidth, height: pixelHeight },
    width,
    height,
    bitmap.preserveAspectRatio,
  );
  // The unit square, y up, onto the bitmap's pixels, y down.
  const unitToPixels: Matrix = [pixelWidth, 0, 0, -pixelHeight, 0, pixelHeight];
  return multiply(translate(bitmap.x, bitmap.y), multiply(fit, unitToPixels));
}

/** Print wants about 300 pixels an inch; a bitmap under it prints soft or blocky. */
export const PRINT_PPI = 300;

/**
 * The lowest resolution any bitmap prints at, in pixels per inch, where `toPage` maps the art's
 * user space to page points; null without bitmaps.
 */
export function lowestPrintPpi(bitmaps: PrintBitmaps['bitmaps'], toPage: Matrix): number | null {
  let lowest: number | null = null;
  for (const [item, bitmap] of bitmaps) {
    const m = multiply(toPage, multiply(item.matrix, bitmap.unitToItem));
    const inches = [Math.hypot(m[0], m[1]) / 72, Math.hypot(m[2], m[3]) / 72];
    const ppi = Math.min(
      bitmap.width / Math.max(inches[0] as number, 1e-9),
      bitmap.height / Math.max(inches[1] as number, 1e-9),
    );
    if (lowest === null || ppi < lowest) lowest = ppi;
  }
  return lowest;
}
