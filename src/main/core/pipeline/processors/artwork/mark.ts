import sharp, { type OutputInfo } from 'sharp';
import type { ArtworkSettings, BackgroundDecision } from '../../../../../shared/artwork.ts';
import { MarqueError } from '../../../../../shared/errors.ts';
import type { ProcessorInput } from '../../processor.ts';
import { storedPdfMaster } from '../stored-pdf.ts';
import { applyBackgroundDecision, type FaintArt } from './background-decision.ts';
import { type Ink, measureInk } from './colour.ts';
import { hasLightBackdrop } from './knockout.ts';
import { frameSvg, type SvgParts, splitSvg, type ViewBox } from './svg-frame.ts';

/**
 * A logo ready to be drawn at any exact pixel size: vector marks are rendered by librsvg (via
 * sharp) straight at the target size, never downscaled from a master, so 16 and 32 px stay crisp.
 */
export interface Mark {
  readonly isVector: boolean;
  /** Width / height of what is drawn (the trimmed content, or the whole artboard). */
  readonly aspect: number;
  /** The SVG split around its root and the (possibly trimmed) box drawn; null for raster marks. */
  readonly vector: { readonly parts: SvgParts; readonly box: ViewBox } | null;
  /** Ink statistics of the mark (from a 512 px render). */
  readonly ink: Ink;
  /** The background decision applied to a raster master (null for vectors, drawn as they are). */
  readonly background: BackgroundDecision | null;
  /** Faint fills of a raster master that went with its paper (null for vectors and when none). */
  readonly faintArt: FaintArt | null;
  /** Raw RGBA pixels, exactly width x height, the mark stretched to fill them (callers keep the aspect). */
  render(width: number, height: number): Promise<Buffer>;
}

export type MarkSource =
  | {
      readonly kind: 'svg';
      readonly text: string;
      readonly width: number;
      readonly height: number;
      readonly name: string;
    }
  | {
      readonly kind: 'raster';
      readonly bytes: Uint8Array;
      readonly name: string;
      /** The logo's background override: the decided paper is made transparent before anything. */
      readonly artwork?: ArtworkSettings | undefined;
    };

const PROBE = 512;

/** The mark source of a processor input; PDF masters are not drawable yet. */
export function markSource(input: ProcessorInput): MarkSource {
  if (input.format === 'svg') {
    return {
      kind: 'svg',
      text: new TextDecoder().decode(input.master),
      width: input.width,
      height: input.height,
      name: input.name,
    };
  }
  if (input.format === 'pdf') throw storedPdfMaster(input.name);
  return { kind: 'raster', bytes: input.master, name: input.name, artwork: input.artwork };
}

/**
 * How much of the artboard to draw. true: crop to the inked area (social). false: the artboard
 * (package). 'auto' (favicons): keep a square artboard the mark already fills (an icon drawn on
 * a pixel grid stays on it, so 16 px renders stay sharp), crop anything else.
 */
export type Trim = boolean | 'auto';

/** Loads a mark, trimmed as asked. */
export async function loadMark(source: MarkSource, options: { readonly trim: Trim }): Promise<Mark> {
  return source.kind === 'svg' ? loadVector(source, options.trim) : loadRaster(source, options.trim);
}

async function loadVector(source: Extract<MarkSource, { kind: 'svg' }>, trim: Trim): Promise<Mark> {
  const parts = splitSvg(source.text, source, source.name);
  const full = parts.viewBox;
  const scale = PROBE / Math.max(full.width, full.height);
  const probeW = Math.max(1, Math.round(full.width * scale));
  const probeH = Math.max(1, Math.round(full.height * scale));
  const probe = await renderSvg(parts, full, probeW, probeH, source.name);
  let box = full;
  if (trim) {
    const bounds = alphaBounds(probe, probeW, probeH);
    if (bounds && !(trim === 'auto' && fillsSquare(bounds, probeW, probeH))) {
      // Half a probe pixel of margin keeps the anti-aliased edge.
      const x0 = Math.max(0, bounds.left - 0.5) / probeW;
      const y0 = Math.max(0, bounds.top - 0.5) / probeH;
      const x1 = Math.min(probeW, bounds.right + 1.5) / probeW;
      const y1 = Math.min(probeH, bounds.bottom + 1.5) / probeH;
      box = {
        x: full.x + x0 * full.width,
        y: full.y + y0 * full.height,
        width: (x1 - x0) * full.width,
        height: (y1 - y0) * full.height,
      };
    }
  }
  const ink = { ...measureInk(probe), backdrop: hasLightBackdrop(probe, probeW, probeH) };
  return {
    isVector: true,
    aspect: box.width / box.height,
    vector: { parts, box },
    ink,
    background: null,
    faintArt: null,
    render: (width, height) => renderSvg(parts, box, width, height, source.name),
  };
}

async function renderSvg(parts: SvgParts, box: ViewBox, width: number, height: number, name: string): Promise<Buffer> {
  const text = frameSvg(parts, { viewBox: box, width, height, extra: { preserveAspectRatio: 'none' } });
  try {
    const { data, info } = await sharp(Buffer.from(text), { limitInputPixels: 1e8 })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.width === width && info.height === height) return data;
    // librsvg rounds odd sizes now and then; a one-pixel resample is invisible.
    return await sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
      .resize(width, height, { fit: 'fill' })
      .raw()
      .toBuffer();
  } catch (error) {
    throw new MarqueError('DECODE_FAILED', `${name}: the SVG could not be rendered (${(error as Error).message})`, {
      cause: error,
    });
  }
}

async function loadRaster(source: Extract<MarkSource, { kind: 'raster' }>, trim: Trim): Promise<Mark> {
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(source.bytes, { limitInputPixels: 1e8 })
      .rotate()
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new MarqueError(
      'DECODE_FAILED',
      `${source.name}: the image could not be decoded (${(error as Error).message})`,
      { cause: error },
    );
  }
  let { width, height } = decoded.info;
  // The background decision: a JPEG's white paper (and the paper inside letters) becomes transparent
  // here, so favicons, social images and the package never carry a white box.
  const decided = applyBackgroundDecision(
    { width, height, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length) },
    false,
    source.artwork,
  );
  let data = Buffer.from(decided.image.data.buffer, decided.image.data.byteOffset, decided.image.data.length);
  const found = trim ? alphaBounds(data, width, height) : null;
  const bounds = found && trim === 'auto' && fillsSquare(found, width, height) ? null : found;
  if (bounds && (bounds.right - bounds.left + 1 < width || bounds.bottom - bounds.top + 1 < height)) {
    const w = bounds.right - bounds.left + 1;
    const h = bounds.bottom - bounds.top + 1;
    data = await sharp(data, { raw: { width, height, channels: 4 } })
      .extract({ left: bounds.left, top: bounds.top, width: w, height: h })
      .raw()
      .toBuffer();
    width = w;
    height = h;
  }
  const pixels = data;
  const probeScale = Math.min(1, PROBE / Math.max(width, height));
  const probeWidth = probeScale < 1 ? Math.max(1, Math.round(width * probeScale)) : width;
  const probeHeight = probeScale < 1 ? Math.max(1, Math.round(height * probeScale)) : height;
  const probe =
    probeScale < 1
      ? await sharp(pixels, { raw: { width, height, channels: 4 } })
          .resize(probeWidth, probeHeight)
          .raw()
          .toBuffer()
      : pixels;
  // A pyramid of halvings, made on demand: each size is resampled from the smallest level at least
  // twice its size, so small icons cost little and keep Lanczos quality.
  const levels: { width: number; height: number; data: Promise<Buffer> }[] = [
    { width, height, data: Promise.resolve(pixels) },
  ];
  const levelFor = (w: number, h: number) => {
    for (;;) {
      const last = levels[levels.length - 1] as (typeof levels)[number];
      const next = { width: Math.round(last.width / 2), height: Math.round(last.height / 2) };
      if (next.width < 2 * w || next.height < 2 * h || next.width < 1 || next.height < 1) break;
      levels.push({
        ...next,
        data: last.data.then((data) =>
          sharp(data, { raw: { width: last.width, height: last.height, channels: 4 } })
            .resize(next.width, next.height, { fit: 'fill', kernel: 'lanczos3' })
            .raw()
            .toBuffer(),
        ),
      });
    }
    return (
      [...levels].reverse().find((level) => level.width >= 2 * w && level.height >= 2 * h) ??
      (levels[0] as (typeof levels)[number])
    );
  };
  return {
    isVector: false,
    aspect: width / height,
    vector: null,
    ink: { ...measureInk(probe), backdrop: hasLightBackdrop(probe, probeWidth, probeHeight) },
    background: decided.decision,
    faintArt: decided.faintArt,
    render: async (w, h) => {
      if (w === width && h === height) return Buffer.from(pixels);
      const level = levelFor(w, h);
      const data = await level.data;
      return sharp(data, { raw: { width: level.width, height: level.height, channels: 4 } })
        .resize(w, h, { fit: 'fill', kernel: 'lanczos3' })
        .raw()
        .toBuffer();
    },
  };
}

/** A square artboard whose ink spans at least 75 % of it in one direction (an icon drawn as one). */
function fillsSquare(
  bounds: { left: number; right: number; top: number; bottom: number },
  width: number,
  height: number,
): boolean {
  if (Math.abs(width - height) > 1) return false;
  const span = Math.max(bounds.right - bounds.left + 1, bounds.bottom - bounds.top + 1);
  return span >= 0.75 * Math.max(width, height);
}

/** Bounding box (inclusive) of pixels with any alpha, or null when fully transparent. */
export function alphaBounds(rgba: Uint8Array, width: number, height: number) {
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width * 4;
    for (let x = 0; x < width; x++) {
      if ((rgba[row + x * 4 + 3] as number) > 8) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  return right < 0 ? null : { left, right, top, bottom };
}
