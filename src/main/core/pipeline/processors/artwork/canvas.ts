import sharp from 'sharp';
import type { Rgb } from './colour.ts';
import type { Mark } from './mark.ts';

/** A rectangle in canvas pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Placement {
  readonly width: number;
  readonly height: number;
  /** null: transparent canvas. */
  readonly background: Rgb | null;
  /** Where the mark may go; it is fitted inside, centred, aspect kept. */
  readonly box: Box;
  /** Recolours the mark's pixels (colourways, reversed marks); applied before compositing. */
  readonly recolour?: (rgba: Buffer) => void;
}

/** A box inset by a fraction of its smaller side on every edge. */
export function inset(box: Box, fraction: number): Box {
  const d = Math.min(box.width, box.height) * fraction;
  return { x: box.x + d, y: box.y + d, width: Math.max(1, box.width - 2 * d), height: Math.max(1, box.height - 2 * d) };
}

/** The largest box of the given aspect whose corners lie on a circle (so the whole box is inside it). */
export function boxInCircle(aspect: number, cx: number, cy: number, radius: number): Box {
  const height = (2 * radius) / Math.sqrt(1 + aspect * aspect);
  const width = aspect * height;
  return { x: cx - width / 2, y: cy - height / 2, width, height };
}

/** The whole canvas as a box. */
export function fullBox(width: number, height: number): Box {
  return { x: 0, y: 0, width, height };
}

/** The integer rectangle the mark occupies inside `box` (fit, centred; never outside the box). */
export function fitMark(aspect: number, box: Box): Box {
  let width = box.width;
  let height = width / aspect;
  if (height > box.height) {
    height = box.height;
    width = height * aspect;
  }
  const w = Math.max(1, Math.floor(width + 1e-6));
  const h = Math.max(1, Math.floor(height + 1e-6));
  const x = Math.round(box.x + (box.width - w) / 2);
  const y = Math.round(box.y + (box.height - h) / 2);
  return { x, y, width: w, height: h };
}

/**
 * Draws the mark on a canvas and returns raw pixels: RGB when the background is opaque (so PNGs
 * and JPEGs carry no alpha channel), RGBA when transparent. Compositing is done here, in straight
 * alpha, so results are exact and deterministic.
 */
export async function drawMark(mark: Mark, placement: Placement): Promise<{ data: Buffer; channels: 3 | 4 }> {
  const { width, height, background } = placement;
  const at = fitMark(mark.aspect, placement.box);
  const pixels = await mark.render(at.width, at.height);
  placement.recolour?.(pixels);
  const channels = background ? 3 : 4;
  // The mark fills a transparent canvas exactly (package PNGs): its pixels are the canvas.
  if (!background && at.x === 0 && at.y === 0 && at.width === width && at.height === height)
    return { data: pixels, channels };
  const canvas = Buffer.alloc(width * height * channels);
  if (background) {
    canvas[0] = background[0];
    canvas[1] = background[1];
    canvas[2] = background[2];
    // Doubling copies: log2(n) native copies instead of a per-pixel loop.
    for (let filled = 3; filled < canvas.length; filled *= 2)
      canvas.copyWithin(filled, 0, Math.min(filled, canvas.length - filled));
  }
  for (let y = 0; y < at.height; y++) {
    const cy = at.y + y;
    if (cy < 0 || cy >= height) continue;
    for (let x = 0; x < at.width; x++) {
      const cx = at.x + x;
      if (cx < 0 || cx >= width) continue;
      const s = (y * at.width + x) * 4;
      const a = (pixels[s + 3] as number) / 255;
      if (a === 0) continue;
      const d = (cy * width + cx) * channels;
      if (background) {
        for (let c = 0; c < 3; c++)
          canvas[d + c] = Math.round((pixels[s + c] as number) * a + (canvas[d + c] as number) * (1 - a));
      } else {
        canvas[d] = pixels[s] as number;
        canvas[d + 1] = pixels[s + 1] as number;
        canvas[d + 2] = pixels[s + 2] as number;
        canvas[d + 3] = pixels[s + 3] as number;
      }
    }
  }
  return { data: canvas, channels };
}

/** Draws and encodes as PNG. */
export async function markPng(mark: Mark, placement: Placement): Promise<Buffer> {
  const { data, channels } = await drawMark(mark, placement);
  return encodePng(data, placement.width, placement.height, channels);
}

export function encodePng(data: Buffer, width: number, height: number, channels: 3 | 4): Promise<Buffer> {
  // Level 6 without adaptive filtering: the flat art of logos compresses well and encodes fast.
  return sharp(data, { raw: { width, height, channels } }).png({ compressionLevel: 6 }).toBuffer();
}

export function encodeJpeg(
  data: Buffer,
  width: number,
  height: number,
  channels: 3 | 4,
  quality: number,
): Promise<Buffer> {
  return (
    sharp(data, { raw: { width, height, channels } })
      // libjpeg-turbo defaults: mozjpeg's trellis search costs 5-20x the time for a few per cent.
      .jpeg({ quality, chromaSubsampling: quality >= 90 ? '4:4:4' : '4:2:0' })
      .toBuffer()
  );
}
