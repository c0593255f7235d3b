import type { ArtworkSettings, BackgroundDecision } from '../../../../../shared/artwork.ts';
import { parseHex, type Rgb, toHex } from '../../../../../shared/colour.ts';
import type { PaletteColor } from '../../../../../shared/palette.ts';
import { DEFAULT_BACKGROUND_TOLERANCE, detectBackground, floodFillBackground } from '../raster/background.ts';
import { inkMask } from '../raster/ink-mask.ts';
import { assignToPalette, extractPalette, toPaletteColor } from '../raster/palette.ts';
import { addRampColours } from '../raster/palette-ramps.ts';
import { type RgbaImage, usesTransparency } from '../raster/rgba.ts';
import { stackedLayer } from './layers.ts';
import {
  DEFAULT_POTRACE_PARAMS,
  type PixelBox,
  type PotraceParams,
  type TracedPaths,
  traceMaskInBox,
} from './potrace.ts';

export interface BilevelTraceOptions extends Partial<PotraceParams> {
  /** The SVG's width and height (default the image's); the drawing stays in image pixels (viewBox). */
  readonly outputSize?: { readonly width: number; readonly height: number };
  /** 0-1: the alpha a pixel needs to be ink; default 0.5. */
  readonly threshold?: number;
  /** The master is a vector (its transparency is authoritative for the background decision). */
  readonly isVector?: boolean;
  /** The logo's background override and one-colour threshold. */
  readonly artwork?: ArtworkSettings;
  /** Fill colour '#rrggbb'; default the mark's dominant colour. */
  readonly color?: string;
}

export interface BilevelTrace {
  readonly svg: string;
  /** The bitmap that was traced (1 = ink), for fidelity scoring. */
  readonly mask: Uint8Array;
  readonly mode: 'alpha' | 'full-bleed';
  readonly background: BackgroundDecision;
  /** Light details were cut out (the one-colour rule). */
  readonly knockout: boolean;
  readonly fill: string;
  readonly pathCount: number;
}

function potraceParams(options: Partial<PotraceParams>): PotraceParams {
  return {
    turdsize: options.turdsize ?? DEFAULT_POTRACE_PARAMS.turdsize,
    alphamax: options.alphamax ?? DEFAULT_POTRACE_PARAMS.alphamax,
    opticurve: options.opticurve ?? DEFAULT_POTRACE_PARAMS.opticurve,
    opttolerance: options.opttolerance ?? DEFAULT_POTRACE_PARAMS.opttolerance,
    turnpolicy: options.turnpolicy ?? DEFAULT_POTRACE_PARAMS.turnpolicy,
  };
}

function svgDocument(
  width: number,
  height: number,
  paths: readonly string[],
  size: { readonly width: number; readonly height: number } = { width, height },
): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${width} ${height}">` +
    `${paths.join('')}</svg>\n`
  );
}

function pathElement(fill: string, traced: TracedPaths): string {
  return `<path fill="${fill}" transform="${traced.transform}" d="${traced.d}"/>`;
}

/** Counts subpaths (each starts with a moveto): a proxy for how clean a trace is. */
function subpathCount(d: string): number {
  return (d.match(/[Mm]/g) ?? []).length;
}

/**
 * Bilevel trace: the mark as one ink (background decided, light details as paper: see inkMask),
 * traced with potrace into one path filled with the mark's colour. Same pixel coordinates as the
 * input bitmap.
 */
export async function traceToSvg(image: RgbaImage, options: BilevelTraceOptions = {}): Promise<BilevelTrace> {
  const separated = inkMask(image, {
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.isVector !== undefined ? { isVector: options.isVector } : {}),
    ...(options.artwork ? { artwork: options.artwork } : {}),
  });
  const fill =
    (options.color && parseHex(options.color) ? toHex(parseHex(options.color) as Rgb) : null) ?? toHex(separated.ink);
  const traced = await traceMaskInBox(separated.mask, image.width, separated.box, potraceParams(options));
  const paths = traced ? [pathElement(fill, traced)] : [];
  return {
    svg: svgDocument(image.width, image.height, paths, options.outputSize),
    mask: separated.mask,
    mode: separated.mode,
    background: separated.background,
    knockout: separated.knockout,
    fill,
    pathCount: traced ? subpathCount(traced.d) : 0,
  };
}

export interface ColorTraceOptions extends Partial<PotraceParams> {
  /** A locked palette ('#rrggbb' each): used as is instead of extracting one. */
  readonly palette?: readonly string[];
  /** Background tolerance, CIE76 (default 12). */
  readonly tolerance?: number;
  /**
   * 'remove' (default): a flat background reached from the border is left transparent, as for a
   * JPEG on white. 'keep': every opaque pixel is traced, for vector masters, whose own
   * transparency already says where the logo is (a full-bleed square badge is all logo).
   */
  readonly background?: 'remove' | 'keep';
  /** Least share of the logo a colour must cover to get a layer (default 0.1 %). */
  readonly minShare?: number;
  /** Colours closer than this merge (CIE76, default 3: a trace keeps close brand tints apart). */
  readonly mergeDistance?: number;
  /** At most this many colours (default 16, at most 64): up to 32 flat colours, the rest for gradients. */
  readonly maxColors?: number;
  /** The SVG's width and height (default the image's); the drawing stays in image pixels (viewBox). */
  readonly outputSize?: { readonly width: number; readonly height: number };
}

/** The logo's own flat colours at most; colours beyond them serve gradients (see addRampColours). */
const MAX_FLAT_COLOURS = 32;

/** Cancellation and progress for long traces (progress 0-1, once per colour layer). */
export interface TraceHooks {
  readonly signal?: AbortSignal;
  readonly progress?: (done: number) => void;
}

export interface ColorTrace {
  readonly svg: string;
  /** The palette of the layers, bottom first, shares of the traced area. */
  readonly palette: readonly PaletteColor[];
  /** 1 where the logo is (what was traced), for fidelity scoring. */
  readonly logo: Uint8Array;
  readonly pathCount: number;
}

/**
 * Full-colour trace. Pixels are mapped to the nearest palette colour (locked, or the logo's own:
 * see extractPalette); a flat background reached from the border is left transparent, as are
 * transparent pixels. Layers are stacked largest first and each layer's bitmap also covers the
 * regions of colours stacked above it that touch it (see stackedLayer), so touching colours overlap
 * instead of meeting edge to edge: no hairline seams where anti-aliased edges would let the
 * backdrop through. At most 64 colours (a locked palette beyond that is cut).
 */
export async function traceColorToSvg(
  image: RgbaImage,
  options: ColorTraceOptions = {},
  hooks: TraceHooks = {},
): Promise<ColorTrace> {
  const { width, height } = image;
  const pixels = width * height;
  let exclude: Uint8Array | undefined;
  if (options.background !== 'keep' && !usesTransparency(image)) {
    const tolerance = options.tolerance ?? DEFAULT_BACKGROUND_TOLERANCE;
    const background = detectBackground(image, tolerance);
    if (background) exclude = floodFillBackground(image, background, tolerance);
  }
  let colours: Rgb[];
  if (options.palette && options.palette.length > 0) {
    colours = options.palette
      .slice(0, 64)
      .map((hex) => parseHex(hex))
      .filter((rgb): rgb is Rgb => rgb !== null);
  } else {
    const maxColors = Math.min(64, options.maxColors ?? 16);
    const flat = extractPalette(image, {
      ...(exclude ? { exclude } : {}),
      ...(options.minShare !== undefined ? { minShare: options.minShare } : {}),
      mergeDistance: options.mergeDistance ?? 3,
      maxColors: Math.min(maxColors, MAX_FLAT_COLOURS),
    }).map((colour) => colour.rgb);
    // Gradients: the flat colours serve a ramp as a few bands; ramp colours fill the rest.
    colours = addRampColours(image, flat, { maxColors, ...(exclude ? { exclude } : {}) });
  }
  const { indices, counts } = assignToPalette(
    image,
    colours.map((rgb) => ({ rgb })),
    exclude,
  );
  const order = colours.map((_, index) => index).filter((index) => (counts[index] as number) > 0);
  order.sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b);
  const rank = new Uint8Array(256).fill(255);
  order.forEach((paletteIndex, position) => {
    rank[paletteIndex] = position;
  });

  const params = potraceParams(options);
  // One level map for all layers: level = stacking position + 1 (0 = transparent), so the layer
  // at position p is every pixel with level > p: its own colour and all colours stacked above.
  const levels = new Uint8Array(pixels);
  const logo = new Uint8Array(pixels);
  const boxes = order.map(() => ({ x0: width, y0: height, x1: 0, y1: 0 }));
  for (let y = 0; y < height; y++) {
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const index = indices[i] as number;
      if (index === 255) continue;
      const position = rank[index] as number;
      levels[i] = position + 1;
      logo[i] = 1;
      const box = boxes[position] as { x0: number; y0: number; x1: number; y1: number };
      if (x < box.x0) box.x0 = x;
      if (x >= box.x1) box.x1 = x + 1;
      if (y < box.y0) box.y0 = y;
      if (y >= box.y1) box.y1 = y + 1;
    }
  }
  const paths: string[] = [];
  let pathCount = 0;
  const layer = new Uint8Array(pixels);
  for (let position = 0; position < order.length; position++) {
    hooks.signal?.throwIfAborted();
    hooks.progress?.(position / order.length);
    const box = stackedLayer(levels, width, height, position + 1, boxes[position] as PixelBox, layer);
    const traced = await traceMaskInBox(layer, width, box, params);
    if (!traced) continue;
    const rgb = colours[order[position] as number] as Rgb;
    paths.push(pathElement(toHex(rgb), traced));
    pathCount += subpathCount(traced.d);
  }
  const total = order.reduce((sum, index) => sum + (counts[index] as number), 0) || 1;
  const palette = order.map((index) => toPaletteColor(colours[index] as Rgb, (counts[index] as number) / total));
  return { svg: svgDocument(width, height, paths, options.outputSize), palette, logo, pathCount };
}
