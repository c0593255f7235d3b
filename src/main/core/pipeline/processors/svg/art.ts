import type { Rgb } from '../../../../../shared/colour.ts';
import type { Matrix } from './matrix.ts';

export interface GradientStop {
  readonly offset: number;
  readonly rgb: Rgb;
  readonly opacity: number;
}

/**
 * A linear or radial gradient in the painted item's own coordinates (`matrix` maps gradient space
 * there: bounding-box units and gradientTransform folded in). Pad spread only.
 */
export interface Gradient {
  readonly kind: 'linear' | 'radial';
  /** Linear: x1, y1, x2, y2. Radial: cx, cy, r, fx, fy. */
  readonly coords: readonly number[];
  readonly matrix: Matrix;
  readonly stops: readonly GradientStop[];
}

/**
 * A colour with its effective opacity (element and group opacities multiplied in). A gradient
 * paint keeps its mean colour in `rgb` for every use that needs one flat colour (plates, one-colour).
 */
export interface Paint {
  readonly rgb: Rgb;
  readonly opacity: number;
  readonly gradient?: Gradient;
}

export interface StrokeStyle {
  readonly paint: Paint;
  readonly width: number;
  readonly cap: 'butt' | 'round' | 'square';
  readonly join: 'miter' | 'round' | 'bevel';
  readonly miterLimit: number;
  readonly dash: readonly number[];
  readonly dashOffset: number;
}

export type FillRule = 'nonzero' | 'evenodd';

/** A clipping outline; an item is clipped by the intersection of all of its clips. */
export interface ClipShape {
  readonly d: string;
  readonly matrix: Matrix;
  readonly rule: FillRule;
}

/**
 * How a shape's colour mixes with what lies under it (CSS mix-blend-mode), named as PDF names
 * them; SVG and PDF define the same separable and non-separable modes.
 */
export type BlendMode =
  | 'Multiply'
  | 'Screen'
  | 'Overlay'
  | 'Darken'
  | 'Lighten'
  | 'ColorDodge'
  | 'ColorBurn'
  | 'HardLight'
  | 'SoftLight'
  | 'Difference'
  | 'Exclusion'
  | 'Hue'
  | 'Saturation'
  | 'Color'
  | 'Luminosity';

/** A bitmap's file bytes and their type ('image/png'). */
export interface EncodedBitmap {
  readonly bytes: Uint8Array;
  readonly mime: string;
}

/**
 * A bitmap an <image> draws (a PNG or JPEG data URI, or one a PDF master's conversion wrote): its
 * encoded bytes and the viewport it is fitted into, in the item's user space. The fit needs the
 * bitmap's own size, known once it is decoded (see bitmapBox).
 */
export interface ArtBitmap {
  /**
   * Encoded bytes (PNG, JPEG, WebP, GIF), or an SVG document to render: an effect island, the part
   * of the master under a filter or a mask that is more than a clip, as librsvg draws it.
   */
  readonly source: EncodedBitmap | { readonly svg: string };
  /** For an effect island, its number: the shapes it stands for carry it as `effect`. */
  readonly effect?: number;
  readonly x: number;
  readonly y: number;
  /** The viewport's size; null for the bitmap's own size (SVG 2's auto). */
  readonly width: number | null;
  readonly height: number | null;
  readonly preserveAspectRatio: string;
  /** Element and group opacities multiplied. */
  readonly opacity: number;
}

/**
 * One painted shape, in drawing order, with its transform to the artboard's user space. An item
 * with a `bitmap` paints the bitmap and nothing else (fill and stroke null): code that reads
 * paints passes it by, and code that can draw bitmaps (the full-colour PDF) looks for it.
 */
export interface PaintItem {
  readonly d: string;
  readonly matrix: Matrix;
  readonly fill: Paint | null;
  readonly fillRule: FillRule;
  readonly stroke: StrokeStyle | null;
  readonly clips: readonly ClipShape[];
  readonly bitmap?: ArtBitmap;
  /** Blends with what lies under it; absent for normal painting. */
  readonly blend?: BlendMode;
  /**
   * The shape lies under an effect (a filter, a mask) vectors cannot carry: effect island `n`
   * (a bitmap item before it) draws it, effect and all, where bitmaps can be drawn; elsewhere
   * (plates) the shape is drawn plain.
   */
  readonly effect?: number;
}

export interface ViewBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * A logo reduced to what print needs: the artboard (exact size in points) and its painted shapes.
 * `rootMatrix` maps user space (viewBox units) to artboard points, y down.
 */
export interface SvgArt {
  readonly widthPt: number;
  readonly heightPt: number;
  readonly viewBox: ViewBox;
  readonly rootMatrix: Matrix;
  readonly items: readonly PaintItem[];
  /** Things drawn approximately or not at all (gradients flattened, text, masks, unreadable images). */
  readonly warnings: readonly string[];
}

/** The distinct paint colours of the art, most used first (by item count), as '#rrggbb'. */
export function artColors(art: SvgArt): string[] {
  const counts = new Map<string, number>();
  for (const item of art.items) {
    for (const paint of [item.fill, item.stroke?.paint]) {
      if (!paint || paint.opacity <= 0) continue;
      const hex = `#${paint.rgb.map((part) => part.toString(16).padStart(2, '0')).join('')}`;
      counts.set(hex, (counts.get(hex) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([hex]) => hex);
}

/** How many items of the art are bitmaps the master holds (effect islands not counted). */
export function bitmapCount(art: SvgArt): number {
  return art.items.filter((item) => item.bitmap && item.bitmap.effect === undefined).length;
}

/** How many effect islands (filters, masks drawn as bitmaps in full colour) the art has. */
export function effectCount(art: SvgArt): number {
  return art.items.filter((item) => item.bitmap?.effect !== undefined).length;
}
