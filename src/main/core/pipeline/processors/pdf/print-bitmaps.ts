import sharp from 'sharp';
import { limitCoverage } from '../../../colour/icc.ts';
import type { Press } from '../../../colour/press.ts';
import { cropRgba } from '../raster/trim.ts';
import type { ArtBitmap, EncodedBitmap, PaintItem, SvgArt } from '../svg/art.ts';
import type { PrintBitmap } from '../svg/display-list.ts';
import { type Matrix, multiply, translate } from '../svg/matrix.ts';
import { viewBoxTransform } from '../svg/viewport.ts';
import { maskBounds } from '../vector/potrace.ts';

/** The intake holds a master's embedded bitmaps to this many pixels in all; decoding checks again. */
const MAX_BITMAP_PIXELS = 64_000_000;

export interface PrintBitmaps {
  readonly bitmaps: ReadonlyMap<PaintItem, PrintBitmap>;
  /** Effect islands drawn (or found empty): their shapes are not drawn again. */
  readonly effectsDrawn: ReadonlySet<number>;
  readonly warnings: readonly string[];
}

/** Print wants about 300 pixels an inch; a bitmap under it prints soft or blocky. */
export const PRINT_PPI = 300;
/** An effect island is rendered at most this many pixels on the artboard's long side. */
const MAX_EFFECT_SIDE = 4000;

/**
 * Decodes every bitmap of the art for print: CMYK through the press profile within its coverage
 * limit, alpha kept. The PDF draws these pixels as images, as Illustrator keeps a placed bitmap
 * and rasterises effects. Effect islands are rendered by librsvg at PRINT_PPI for `pointsPerUnit`
 * (page points per user unit of the art) and cropped to what they paint, unless `effects` is
 * off (their shapes are then drawn plain). A bitmap that cannot be decoded is left out (an
 * island's shapes are then drawn plain) and said so.
 */
export async function printBitmaps(
  art: SvgArt,
  press: Press,
  pointsPerUnit: number,
  options: { readonly effects: boolean } = { effects: true },
): Promise<PrintBitmaps> {
  const bitmaps = new Map<PaintItem, PrintBitmap>();
  const effectsDrawn = new Set<number>();
  let unreadable = 0;
  for (const item of art.items) {
    if (!item.bitmap || (!options.effects && item.bitmap.effect !== undefined)) continue;
    const pixels = await bitmapPixels(item.bitmap, pointsPerUnit).catch(() => null);
    if (pixels === null) {
      unreadable++;
      continue;
    }
    if (item.bitmap.effect !== undefined) effectsDrawn.add(item.bitmap.effect);
    if (pixels === 'empty') continue;
    bitmaps.set(item, printBitmap(pixels, press));
  }
  const warnings =
    unreadable > 0
      ? [
          `${unreadable} bitmap${unreadable === 1 ? '' : 's'} (an embedded image, or an effect drawn as one) could not be decoded and ${unreadable === 1 ? 'is' : 'are'} left out`,
        ]
      : [];
  return { bitmaps, effectsDrawn, warnings };
}

/** A bitmap's straight RGBA pixels, its encoded form and where its unit square lands. */
interface BitmapPixels {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
  readonly encoded: EncodedBitmap;
  readonly unitToItem: Matrix;
}

async function bitmapPixels(bitmap: ArtBitmap, pointsPerUnit: number): Promise<BitmapPixels | 'empty'> {
  if (!('svg' in bitmap.source)) {
    const { data, info } = await sharp(bitmap.source.bytes, { limitInputPixels: MAX_BITMAP_PIXELS })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      width: info.width,
      height: info.height,
      rgba: new Uint8Array(data.buffer, data.byteOffset, data.length),
      encoded: bitmap.source,
      unitToItem: bitmapBox(bitmap, info.width, info.height),
    };
  }
  // An effect island covers the artboard: rendered at print resolution, then cropped to its ink.
  const units = Math.max(bitmap.width ?? 1, bitmap.height ?? 1);
  const side = Math.min(MAX_EFFECT_SIDE, Math.max(1, Math.ceil((units * pointsPerUnit * PRINT_PPI) / 72)));
  const { data, info } = await sharp(Buffer.from(bitmap.source.svg), { density: (72 * side) / units })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rendered = {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
  const painted = new Uint8Array(info.width * info.height);
  for (let i = 0; i < painted.length; i++) painted[i] = rendered.data[i * 4 + 3] === 0 ? 0 : 1;
  const bounds = maskBounds(painted, info.width, info.height);
  if (!bounds) return 'empty';
  const [x0, y0, w, h] = [bounds.x0, bounds.y0, bounds.x1 - bounds.x0, bounds.y1 - bounds.y0];
  const crop = cropRgba(rendered, { left: x0, top: y0, width: w, height: h });
  const png = await sharp(crop.data, { raw: { width: w, height: h, channels: 4 } })
    .png()
    .toBuffer();
  const sx = (bitmap.width ?? 1) / info.width;
  const sy = (bitmap.height ?? 1) / info.height;
  const placed: ArtBitmap = {
    ...bitmap,
    x: bitmap.x + x0 * sx,
    y: bitmap.y + y0 * sy,
    width: w * sx,
    height: h * sy,
    preserveAspectRatio: 'none',
  };
  return {
    width: w,
    height: h,
    rgba: crop.data,
    encoded: { bytes: new Uint8Array(png), mime: 'image/png' },
    unitToItem: bitmapBox(placed, w, h),
  };
}

/** The pixels in the press's CMYK, within its coverage limit, and their alpha. */
function printBitmap(pixels: BitmapPixels, press: Press): PrintBitmap {
  const { width, height, rgba } = pixels;
  const count = width * height;
  const rgb = new Uint8Array(count * 3);
  const alpha = new Uint8Array(count);
  let translucent = false;
  for (let i = 0; i < count; i++) {
    rgb[i * 3] = rgba[i * 4] as number;
    rgb[i * 3 + 1] = rgba[i * 4 + 1] as number;
    rgb[i * 3 + 2] = rgba[i * 4 + 2] as number;
    alpha[i] = rgba[i * 4 + 3] as number;
    if (alpha[i] !== 255) translucent = true;
  }
  const percent = press.transform.toCmykPixels(rgb);
  const limit = press.setup.coverageLimit;
  const cmyk = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) {
    const o = i * 4;
    const within = limitCoverage(
      [percent[o] as number, percent[o + 1] as number, percent[o + 2] as number, percent[o + 3] as number],
      limit,
    );
    for (let c = 0; c < 4; c++) cmyk[o + c] = Math.round((within[c] as number) * 2.55);
  }
  return {
    width,
    height,
    cmyk,
    alpha: translucent ? alpha : null,
    encoded: pixels.encoded,
    unitToItem: pixels.unitToItem,
  };
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
