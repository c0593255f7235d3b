import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { type LogoFormat, VECTOR_FORMATS } from '../../../shared/domain.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { PaletteColor } from '../../../shared/palette.ts';
import { importPalette } from './import-palette.ts';
import { perceptualHashOfPixels } from './perceptual-hash.ts';
import type { IntakeLimits, IntakeResult } from './protocol.ts';
import { claimedSize, describeUnsupported, sniffFormat } from './sniff.ts';
import { readSvgText } from './svg-guard.ts';
import { sanitizeSvg } from './svg-sanitize.ts';

sharp.cache(false);
sharp.concurrency(1);

/** Reads a regular file (no symlinks, no devices) up to the byte cap. */
async function readCapped(path: string, maxBytes: number, file: string): Promise<Buffer> {
  const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    throw new MarqueError('NOT_FOUND', `${file}: cannot read (${error.code ?? error.message})`);
  });
  if (info.isSymbolicLink())
    throw new MarqueError('NOT_A_FILE', `${file}: is a symbolic link; import the file it points to`);
  if (!info.isFile()) throw new MarqueError('NOT_A_FILE', `${file}: is not a regular file`);
  if (info.size > maxBytes)
    throw new MarqueError('FILE_TOO_LARGE', `${file}: ${mib(info.size)} is over the ${mib(maxBytes)} limit`);
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
async function checkRasterHeader(
  bytes: Buffer,
  format: LogoFormat,
  limits: IntakeLimits,
  file: string,
): Promise<Metadata> {
  const claimed = claimedSize(bytes.subarray(0, 64), format);
  if (claimed) checkPixels(claimed.width, claimed.height, limits, file);
  let meta: Metadata;
  try {
    // metadata() reads the header only; the pixel limit is applied just below, with the size in the message.
    meta = await sharp(bytes, { failOn: 'warning', limitInputPixels: false }).metadata();
  } catch (error) {
    throw new MarqueError('DECODE_FAILED', `${file}: cannot be read as an image (${shortReason(error)})`);
  }
  const { width = 0, height = 0 } = meta;
  if (width < 1 || height < 1) throw new MarqueError('DECODE_FAILED', `${file}: the image has no size`);
  checkPixels(width, height, limits, file);
  return meta;
}

function checkPixels(width: number, height: number, limits: IntakeLimits, file: string): void {
  if (width * height > limits.maxPixels) {
    throw new MarqueError(
      'PIXEL_LIMIT',
      `${file}: ${width}x${height} is over the ${Math.round(limits.maxPixels / 1e6)} MP limit`,
    );
  }
}

function shortReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.slice(0, 160) ?? 'unknown error';
}

/**
 * Sizes an SVG from a Buffer (so librsvg loads nothing next to it) and returns a pipeline that
 * renders it with the longest side at the preview size, whatever size the document claims.
 */
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
  if (width > MAX_SVG_SIDE || height > MAX_SVG_SIDE) {
    throw new MarqueError('PIXEL_LIMIT', `${file}: the SVG claims ${width}x${height}, over ${MAX_SVG_SIDE} px a side`);
  }
  const side = Math.min(limits.previewSize, limits.maxRenderSide);
  const density = Math.min(100_000, Math.max(1, (72 * side) / Math.max(width, height)));
  return {
    width,
    height,
    render: () => sharp(buffer, { density, failOn: 'warning', limitInputPixels: limits.maxPixels }),
  };
}

const MAX_SVG_SIDE = 100_000;

interface Decoded {
  readonly format: LogoFormat;
  readonly master: Buffer;
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
  readonly pipeline: Sharp;
  /** Vector renders are made at preview size; rasters are never enlarged for the preview. */
  readonly enlargePreview: boolean;
  readonly removed: readonly string[];
  /** Notes for the import report (what was converted or removed). */
  readonly notes?: readonly string[];
  /** Bytes to keep as the logo's original whatever `keepSource` says (a PDF beside its SVG master). */
  readonly original?: Buffer;
}

/**
 * A PDF or Illustrator file becomes an SVG master drawn from page 1's vector content, so every
 * recipe works from exact geometry; the PDF itself, with its actions, scripts and embedded files
 * removed, is kept as the logo's original (what "download original" and the share serve).
 */
async function decodePdf(source: Buffer, limits: IntakeLimits, file: string): Promise<Decoded> {
  // Loaded on the first PDF only: the intake process starts (and restarts after a kill) faster.
  const { removeActiveContent } = await import('./pdf/active-content.ts');
  const { pdfFirstPageToSvg } = await import('./pdf/pdf-to-svg.ts');
  const cleaned = await removeActiveContent(source);
  const vector = await pdfFirstPageToSvg(cleaned.bytes, file, limits.maxPixels);
  if (vector.shapes === 0) throw new MarqueError('DECODE_FAILED', `${file}: the first page of the PDF draws nothing`);
  const clean = await sanitizeSvg(vector.svg, file, { maxEmbeddedPixels: limits.maxPixels });
  const svg = await inspectSvg(clean.svg, limits, file);
  const notes = [
    `${file}: converted to an SVG master from the vector content of page 1; the PDF is kept as the original`,
  ];
  if (cleaned.removed.length > 0) notes.push(`${file}: removed from the stored PDF: ${cleaned.removed.join(', ')}`);
  if (!cleaned.rewritable)
    notes.push(`${file}: the PDF is encrypted or cannot be rewritten, so only the converted SVG master is kept`);
  if (vector.warnings.length > 0) notes.push(`${file}: not kept as vectors: ${vector.warnings.join(', ')}`);
  return {
    format: 'svg',
    master: Buffer.from(clean.svg, 'utf8'),
    width: Math.round(svg.width),
    height: Math.round(svg.height),
    hasAlpha: true,
    pipeline: svg.render(),
    enlargePreview: true,
    removed: [...cleaned.removed, ...clean.removed],
    notes,
    ...(cleaned.rewritable ? { original: Buffer.from(cleaned.bytes) } : {}),
  };
}

async function decode(source: Buffer, format: LogoFormat, limits: IntakeLimits, file: string): Promise<Decoded> {
  switch (format) {
    case 'svg': {
      const clean = await sanitizeSvg(readSvgText(source, file), file, { maxEmbeddedPixels: limits.maxPixels });
      const svg = await inspectSvg(clean.svg, limits, file);
      return {
        format,
        master: Buffer.from(clean.svg, 'utf8'),
        width: Math.round(svg.width),
        height: Math.round(svg.height),
        hasAlpha: true,
        pipeline: svg.render(),
        enlargePreview: true,
        removed: clean.removed,
      };
    }
    case 'pdf':
      return decodePdf(source, limits, file);
    case 'png':
    case 'jpeg':
    case 'webp':
    case 'gif':
    case 'tiff':
    case 'avif': {
      const meta = await checkRasterHeader(source, format, limits, file);
      return {
        format,
        master: source,
        width: meta.autoOrient?.width ?? meta.width ?? 0,
        height: meta.autoOrient?.height ?? meta.height ?? 0,
        hasAlpha: meta.hasAlpha ?? false,
        // Frame 1 of animations, page 1 of multi-page TIFFs.
        pipeline: sharp(source, { failOn: 'warning', limitInputPixels: limits.maxPixels, animated: false, pages: 1 }),
        enlargePreview: false,
        removed: [],
      };
    }
    default:
      return assertNever(format);
  }
}

function assertNever(value: never): never {
  throw new MarqueError('UNSUPPORTED_FORMAT', `unsupported format ${String(value)}`);
}

/** Decodes once to RGBA at preview size, then encodes the preview and the thumbnail from it. */
async function renderViews(
  decoded: Decoded,
  limits: IntakeLimits,
  file: string,
): Promise<{ preview: Buffer; thumb: Buffer; palette: readonly PaletteColor[]; dhash: string }> {
  try {
    const { data, info } = await decoded.pipeline
      .rotate()
      .resize(limits.previewSize, limits.previewSize, { fit: 'inside', withoutEnlargement: !decoded.enlargePreview })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
    const preview = await sharp(data, raw).webp({ quality: 86, alphaQuality: 100, effort: 2 }).toBuffer();
    const thumb = await sharp(data, raw)
      .resize(limits.thumbSize, limits.thumbSize, { fit: 'inside', withoutEnlargement: false })
      .webp({ quality: 86, alphaQuality: 100, effort: 2 })
      .toBuffer();
    const palette = importPalette({ width: info.width, height: info.height, data });
    return { preview, thumb, palette, dhash: await perceptualHashOfPixels(data, info.width, info.height) };
  } catch (error) {
    throw new MarqueError('DECODE_FAILED', `${file}: cannot be decoded (${shortReason(error)})`);
  }
}

/** Everything the intake does to one file: runs only inside the isolated process. */
export async function inspectFile(
  path: string,
  tmpDir: string,
  limits: IntakeLimits,
  keepSource = false,
): Promise<IntakeResult> {
  const file = basename(path);
  const source = await readCapped(path, limits.maxBytes, file);
  const format = sniffFormat(source.subarray(0, 4096));
  if (!format) throw new MarqueError('UNSUPPORTED_FORMAT', `${file}: ${describeUnsupported(source)}`);
  const decoded = await decode(source, format, limits, file);
  const { preview, thumb, palette, dhash } = await renderViews(decoded, limits, file);

  const hash = createHash('sha256').update(decoded.master).digest('hex');
  const masterTemp = join(tmpDir, `${randomUUID()}.master`);
  const thumbTemp = join(tmpDir, `${randomUUID()}.thumb.webp`);
  const previewTemp = join(tmpDir, `${randomUUID()}.preview.webp`);
  // The untouched bytes are kept only when asked and only when they differ from the master; a
  // PDF's (cleaned) bytes always, as they are the designer's file beside a converted master.
  const keptSource = decoded.original ?? (keepSource && !source.equals(decoded.master) ? source : null);
  const sourceTemp = keptSource ? join(tmpDir, `${randomUUID()}.source`) : null;
  try {
    await writeFile(masterTemp, decoded.master, { flag: 'wx' });
    await writeFile(thumbTemp, thumb, { flag: 'wx' });
    await writeFile(previewTemp, preview, { flag: 'wx' });
    if (keptSource && sourceTemp) await writeFile(sourceTemp, keptSource, { flag: 'wx' });
  } catch (error) {
    // A full disk stops any of them: none (nor the part written) may stay in the store's tmp.
    const temps = [masterTemp, thumbTemp, previewTemp, sourceTemp].filter((t): t is string => t !== null);
    await Promise.all(temps.map((temp) => unlink(temp).catch(() => {})));
    throw error;
  }
  return {
    format: decoded.format,
    isVector: VECTOR_FORMATS.has(decoded.format),
    width: decoded.width,
    height: decoded.height,
    hasAlpha: decoded.hasAlpha,
    sourceBytes: source.byteLength,
    master: { tempFile: masterTemp, hash, byteSize: decoded.master.byteLength },
    thumbTempFile: thumbTemp,
    previewTempFile: previewTemp,
    palette,
    dhash,
    removed: decoded.removed,
    notes: decoded.notes ?? [],
    source:
      keptSource && sourceTemp
        ? {
            tempFile: sourceTemp,
            hash: createHash('sha256').update(keptSource).digest('hex'),
            byteSize: keptSource.byteLength,
          }
        : null,
  };
}
