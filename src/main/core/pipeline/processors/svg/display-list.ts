import type { Cmyk } from '../../../../../shared/colour.ts';
import type {
  BlendMode,
  ClipShape,
  EncodedBitmap,
  FillRule,
  Gradient,
  GradientStop,
  PaintItem,
  StrokeStyle,
  SvgArt,
} from './art.ts';
import { type Matrix, multiply } from './matrix.ts';

/**
 * Print colours. `separation` is a named ink (a PDF Separation colour space) at a tint 0-1; its
 * `alternate` (CMYK percent) is only how non-separating devices show it. `cmyk` is process colour.
 */
export type Ink =
  | { readonly space: 'cmyk'; readonly cmyk: Cmyk }
  | { readonly space: 'separation'; readonly name: string; readonly alternate: Cmyk; readonly tint: number };

/**
 * A gradient in the path's own coordinates (see Gradient in art.ts). Its stops share one colour
 * space: all process CMYK, or all tints of one separation (a plate's tint ramp).
 */
export interface InkGradient {
  readonly kind: 'linear' | 'radial';
  readonly coords: readonly number[];
  readonly matrix: Matrix;
  readonly stops: readonly { readonly offset: number; readonly ink: Ink; readonly opacity: number }[];
}

/** A paint's gradient re-inked stop by stop (e.g. to CMYK, or to one plate's tints). */
export function inkGradient(
  gradient: Gradient,
  ink: (stop: GradientStop) => Ink,
  opacity: (stop: GradientStop) => number = (stop) => stop.opacity,
): InkGradient {
  const { kind, coords, matrix, stops } = gradient;
  return {
    kind,
    coords,
    matrix,
    stops: stops.map((stop) => ({ offset: stop.offset, ink: ink(stop), opacity: opacity(stop) })),
  };
}

/** How a path is painted. With a gradient, `ink` is its flat stand-in for backends that need one. */
export interface InkPaint {
  readonly ink: Ink;
  readonly opacity: number;
  readonly gradient?: InkGradient;
}

export interface PathOp {
  readonly kind: 'path';
  readonly d: string;
  /** Maps the path's coordinates to page points (origin top left, y down). */
  readonly matrix: Matrix;
  readonly fill: InkPaint | null;
  readonly fillRule: FillRule;
  readonly stroke: (Omit<StrokeStyle, 'paint'> & { readonly paint: InkPaint }) | null;
  /** Page-space clips (their matrices also map to page points); all apply. */
  readonly clips: readonly ClipShape[];
  /**
   * Overprint: this op's inks print on top of what is there instead of knocking it out (the
   * second ink of a two-ink spot gradient). Separating devices honour it; proofs may not.
   */
  readonly overprint?: boolean;
  /** Blends with what lies under it (the full-colour art's mix-blend-mode). */
  readonly blend?: BlendMode;
}

export interface TextOp {
  readonly kind: 'text';
  /** Left end of the baseline, in page points. */
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly text: string;
  readonly ink: Ink;
}

/**
 * One ink painted over `area` wherever `mask` leaves white: a one-colour logo whose light details
 * (white letters in a badge) are true holes, showing whatever the PDF is placed on. The mask ops
 * are the art in stacking order, painted paper (keep) or full black (hole), so a light shape
 * punches through what lies under it but not through what is drawn over it.
 */
export interface KnockoutOp {
  readonly kind: 'knockout';
  readonly area: readonly [number, number, number, number];
  readonly ink: Ink;
  readonly mask: readonly PathOp[];
}

/** Mask inks of a KnockoutOp: paper keeps the ink, full black cuts a hole. */
export const MASK_KEEP: Ink = { space: 'cmyk', cmyk: [0, 0, 0, 0] };
export const MASK_HOLE: Ink = { space: 'cmyk', cmyk: [0, 0, 0, 100] };

/**
 * A bitmap decoded for print: CMYK through the press profile, its alpha as a soft mask, and where
 * its unit square (PDF image space: y up, row 0 at the top) lands in its item's user space.
 */
export interface PrintBitmap {
  readonly width: number;
  readonly height: number;
  /** 8-bit CMYK, 4 bytes a pixel, rows top down. */
  readonly cmyk: Uint8Array;
  /** 8-bit alpha, a byte a pixel; null when every pixel is opaque. */
  readonly alpha: Uint8Array | null;
  /** The same pixels encoded (PNG, JPEG...), for backends that write SVG. */
  readonly encoded: EncodedBitmap;
  readonly unitToItem: Matrix;
}

/** A bitmap on the page: `matrix` maps its unit square to page points. */
export interface BitmapOp {
  readonly kind: 'bitmap';
  readonly bitmap: PrintBitmap;
  readonly matrix: Matrix;
  readonly opacity: number;
  readonly clips: readonly ClipShape[];
  readonly blend?: BlendMode;
}

export type DrawOp = PathOp | TextOp | KnockoutOp | BitmapOp;

/** One page: exact size in points, what to draw, and the trim box when it differs from the page. */
export interface DisplayPage {
  readonly widthPt: number;
  readonly heightPt: number;
  readonly ops: readonly DrawOp[];
  readonly trimBox?: readonly [number, number, number, number];
  /** Mirror the whole page left-right (film emulsion down). */
  readonly mirror?: boolean;
}

/** How each painted item of the art is inked: null leaves that paint out. */
export type InkMapper = (
  paint: PaintItem['fill'] & object,
  item: PaintItem,
  role: 'fill' | 'stroke',
) => InkPaint | null;

/**
 * Places the art on a page (`placement` maps artboard points to page points) with inks chosen per
 * paint. Blend modes go with the shapes only when asked: the full-colour art blends, a plate or a
 * one-colour version does not.
 */
export function artToOps(
  art: SvgArt,
  placement: Matrix,
  mapInk: InkMapper,
  options: { readonly blend?: boolean } = {},
): PathOp[] {
  const toPage = multiply(placement, art.rootMatrix);
  const ops: PathOp[] = [];
  for (const item of art.items) {
    const fill = item.fill ? mapInk(item.fill, item, 'fill') : null;
    const strokePaint = item.stroke ? mapInk(item.stroke.paint, item, 'stroke') : null;
    if (!fill && !strokePaint) continue;
    ops.push({
      kind: 'path',
      d: item.d,
      matrix: multiply(toPage, item.matrix),
      fill,
      fillRule: item.fillRule,
      stroke: item.stroke && strokePaint ? { ...item.stroke, paint: strokePaint } : null,
      clips: item.clips.map((clip) => ({ ...clip, matrix: multiply(toPage, clip.matrix) })),
      ...(options.blend && item.blend ? { blend: item.blend } : {}),
    });
  }
  return ops;
}

/**
 * The art's ops with its decoded bitmaps in their stacking order: `shapes` draws each run of
 * shapes between two bitmaps (so any inking of the shapes works), each bitmap goes in as it is.
 * A bitmap item missing from `bitmaps` (it could not be decoded, or painted nothing) is left out;
 * the shapes of an effect island in `effectsDrawn` are left out, its bitmap standing for them.
 */
export function withBitmaps(
  art: SvgArt,
  placement: Matrix,
  { bitmaps, effectsDrawn }: { bitmaps: ReadonlyMap<PaintItem, PrintBitmap>; effectsDrawn: ReadonlySet<number> },
  shapes: (run: SvgArt) => DrawOp[],
): DrawOp[] {
  if (bitmaps.size === 0 && effectsDrawn.size === 0) return shapes(art);
  const toPage = multiply(placement, art.rootMatrix);
  const ops: DrawOp[] = [];
  let run: PaintItem[] = [];
  const flush = (): void => {
    if (run.length > 0) ops.push(...shapes({ ...art, items: run }));
    run = [];
  };
  for (const item of art.items) {
    if (item.effect !== undefined && effectsDrawn.has(item.effect)) continue;
    const bitmap = bitmaps.get(item);
    if (!item.bitmap || !bitmap) {
      if (!item.bitmap) run.push(item);
      continue;
    }
    flush();
    ops.push({
      kind: 'bitmap',
      bitmap,
      matrix: multiply(toPage, multiply(item.matrix, bitmap.unitToItem)),
      opacity: item.bitmap.opacity,
      clips: item.clips.map((clip) => ({ ...clip, matrix: multiply(toPage, clip.matrix) })),
      ...(item.blend ? { blend: item.blend } : {}),
    });
  }
  flush();
  return ops;
}

export function rect(x: number, y: number, width: number, height: number): string {
  return `M${x} ${y}H${x + width}V${y + height}H${x}Z`;
}

export function circle(cx: number, cy: number, r: number): string {
  return `M${cx - r} ${cy}A${r} ${r} 0 1 0 ${cx + r} ${cy}A${r} ${r} 0 1 0 ${cx - r} ${cy}Z`;
}
