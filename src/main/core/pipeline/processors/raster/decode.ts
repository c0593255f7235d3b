import sharp, { type Sharp } from 'sharp';
import type { LogoFormat } from '../../../../../shared/domain.ts';
import { MarqueError } from '../../../../../shared/errors.ts';
import { storedPdfMaster } from '../stored-pdf.ts';
import type { RgbaImage } from './rgba.ts';

/** Longest side an SVG master is rendered at when no size is asked for. */
export const DEFAULT_RENDER_SIZE = 1024;
/** Bounds of any render or decode size: below this a trace is meaningless, above it too slow. */
export const MIN_RENDER_SIZE = 16;
export const MAX_RENDER_SIZE = 4096;

export interface DecodeOptions {
  /** Longest side for vector masters (rendered), clamped to 16-4096. */
  readonly size?: number;
  /** Longest side for raster masters: larger ones are scaled down to it (never up). */
  readonly maxSize?: number;
}

function clampSize(value: number | undefined, fallback: number): number {
  const size = Math.round(value ?? fallback);
  return Math.min(MAX_RENDER_SIZE, Math.max(MIN_RENDER_SIZE, Number.isFinite(size) ? size : fallback));
}

/**
 * Decodes a master to straight RGBA. SVG text is rendered by sharp (librsvg) from a Buffer, never a
 * path, at a density that gives the asked longest side; rasters keep their size unless larger than
 * `maxSize`. Orientation from EXIF is applied so the pixels are the way people see them.
 */
export async function decodeToRgba(
  master: Uint8Array,
  format: LogoFormat,
  options: DecodeOptions = {},
): Promise<RgbaImage> {
  if (format === 'pdf') {
    throw storedPdfMaster('This logo');
  }
  const bytes = Buffer.from(master.buffer, master.byteOffset, master.byteLength);
  try {
    let pipeline: Sharp;
    if (format === 'svg') {
      const size = clampSize(options.size, DEFAULT_RENDER_SIZE);
      const meta = await sharp(bytes).metadata();
      const w = meta.width ?? size;
      const h = meta.height ?? size;
      const scale = size / Math.max(w, h);
      const density = Math.min(100_000, Math.max(1, 72 * scale));
      const width = Math.max(1, Math.round(w * scale));
      const height = Math.max(1, Math.round(h * scale));
      pipeline = sharp(bytes, { density }).resize(width, height, { fit: 'fill' });
    } else {
      const maxSize = clampSize(options.maxSize, MAX_RENDER_SIZE);
      pipeline = sharp(bytes, { animated: false })
        .rotate()
        .resize(maxSize, maxSize, { fit: 'inside', withoutEnlargement: true });
    }
    const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 4) throw new Error(`expected 4 channels, got ${info.channels}`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (error) {
    if (error instanceof MarqueError) throw error;
    throw new MarqueError('DECODE_FAILED', `Could not decode the ${format} master: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Encodes RGBA as a PNG (lossless; compression level chosen for speed, output is deterministic). */
export async function encodePng(image: RgbaImage): Promise<Uint8Array> {
  const png = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.length);
}
