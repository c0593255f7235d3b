import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { type LogoFormat, VECTOR_FORMATS } from '../../../shared/domain.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { IntakeLimits, IntakeResult } from './protocol.ts';
import { describeUnsupported, sniffFormat } from './sniff.ts';
import { readSvgText } from './svg-guard.ts';
import { sanitizeSvg } from './svg-sanitize.ts';

sharp.cache(false);
sharp.concurrency(1);

/** Reads a regular file (no symlinks, no devices) up to the byte cap. */
async function readCapped(path: string, maxBytes: number, file: string): Promise<Buffer> {
  const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    throw new MarqueError('NOT_FOUND', `${file}: cannot read (${error.code ?? error.message})`);
  });
  if (info.isSymbolicLink()) throw new MarqueError('NOT_A_FILE', `${file}: is a symbolic link; import the file it points to`);
  if (!info.isFile()) throw new MarqueError('NOT_A_FILE', `${file}: is not a regular file`);
  if (info.size > maxBytes) throw new MarqueError('FILE_TOO_LARGE', `${file}: ${mib(info.size)} is over the ${mib(maxBytes)} limit`);
  // O_NOFOLLOW closes the race between lstat and open; the read stops at the cap whatever the size says.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new MarqueError('FILE_TOO_LARGE', `${file}: over the ${mib(maxBytes)} limit`);
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Pre-flight for raster files: reads only the header, so a pixel bomb is refused before decode. */
async function checkRasterHeader(bytes: Buffer, limits: IntakeLimits, file: string): Promise<Metadata> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { failOn: 'warning', limitInputPixels: limits.maxPixels }).metadata();
  } catch (error) {
    throw new MarqueError('DECODE_FAILED', `${file}: cannot be read as an image (${shortReason(error)})`);
  }
  const { width = 0, height = 0 } = meta;
  if (width < 1 || height < 1) throw new MarqueError('DECODE_FAILED', `${file}: the image has no size`);
  if (width * height > limits.maxPixels) {
    throw new MarqueError('PIXEL_LIMIT', `${file}: ${width}x${height} is over the ${Math.round(limits.maxPixels / 1e6)} MP limit`);
  }
  return meta;
}

function shortReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.slice(0, 160) ?? 'unknown error';
}

/** Renders an SVG from a Buffer (so librsvg loads nothing next to it) at a clamped size. */
async function inspectSvg(svg: string, limits: IntakeLimits, file: string) {
  const buffer = Buffer.from(svg, 'utf8');
  let meta: Metadata;
  try {
    meta = await sharp(buffer, { failOn: 'warning', limitInputPixels: limits.maxPixels }).metadata();
  } catch (error) {
    throw new MarqueError('DECODE_FAILED', `${file}: the SVG cannot be parsed (${shortReason(error)})`);
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width < 1 || height < 1) throw new MarqueError('DECODE_FAILED', `${file}: the SVG has no usable size`);
  // A document claiming a silly size (width="1e9") is refused rather than silently shrunk to 1x1.
  if (width > 100_000 || height > 100_000) throw new MarqueError('PIXEL_LIMIT', `${file}: the SVG claims ${width}x${height}`);
  const scale = Math.min(1, limits.maxRenderSide / Math.max(width, height));
  const density = Math.max(1, Math.floor(72 * scale));
  return { width, height, render: () => sharp(buffer, { density, failOn: 'warning', limitInputPixels: limits.maxPixels }) };
}

/** Everything the intake does to one file: runs only inside the isolated process. */
export async function inspectFile(path: string, tmpDir: string, limits: IntakeLimits): Promise<IntakeResult> {
  const file = basename(path);
  const source = await readCapped(path, limits.maxBytes, file);
  const format = sniffFormat(source.subarray(0, 4096));
  if (!format) throw new MarqueError('UNSUPPORTED_FORMAT', `${file}: ${describeUnsupported(source)}`);
  if (format === 'pdf') throw new MarqueError('UNSUPPORTED_FORMAT', `${file}: PDF/AI import is not available yet`);

  let master: Buffer;
  let width: number;
  let height: number;
  let hasAlpha: boolean;
  let pipeline: Sharp;
  if (format === 'svg') {
    const clean = sanitizeSvg(readSvgText(source, file), file);
    const svg = await inspectSvg(clean, limits, file);
    master = Buffer.from(clean, 'utf8');
    width = Math.round(svg.width);
    height = Math.round(svg.height);
    hasAlpha = true;
    pipeline = svg.render();
  } else {
    const meta = await checkRasterHeader(source, limits, file);
    master = source;
    width = meta.width ?? 0;
    height = meta.height ?? 0;
    hasAlpha = meta.hasAlpha ?? false;
    pipeline = sharp(source, { failOn: 'warning', limitInputPixels: limits.maxPixels, animated: false });
  }

  let thumb: Buffer;
  try {
    thumb = await pipeline
      .rotate()
      .resize(limits.thumbSize, limits.thumbSize, { fit: 'inside', withoutEnlargement: false })
      .webp({ quality: 86, alphaQuality: 100 })
      .toBuffer();
  } catch (error) {
    throw new MarqueError('DECODE_FAILED', `${file}: cannot be decoded (${shortReason(error)})`);
  }

  const hash = createHash('sha256').update(master).digest('hex');
  const masterTemp = join(tmpDir, `${randomUUID()}.master`);
  const thumbTemp = join(tmpDir, `${randomUUID()}.thumb.webp`);
  await writeFile(masterTemp, master, { flag: 'wx' });
  await writeFile(thumbTemp, thumb, { flag: 'wx' });
  return {
    format: format satisfies LogoFormat,
    isVector: VECTOR_FORMATS.has(format),
    width,
    height,
    hasAlpha,
    sourceBytes: source.byteLength,
    master: { tempFile: masterTemp, hash, byteSize: master.byteLength },
    thumbTempFile: thumbTemp,
  };
}
