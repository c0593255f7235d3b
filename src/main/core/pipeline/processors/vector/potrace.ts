import { createRequire } from 'node:module';
import path from 'node:path';

/** Potrace's own parameters (see potrace(1)); defaults are potrace's. */
export interface PotraceParams {
  /** Speckles up to this many pixels are dropped. */
  readonly turdsize: number;
  /** Corner threshold: 0 = polygon, 1.334 = no corners. */
  readonly alphamax: number;
  /** Join adjacent Bézier segments when the error stays under opttolerance. */
  readonly opticurve: boolean;
  readonly opttolerance: number;
  /** Potrace's turn policy for ambiguous pixels (4 = minority, its default). */
  readonly turnpolicy: number;
}

export const DEFAULT_POTRACE_PARAMS: PotraceParams = {
  turdsize: 2,
  alphamax: 0.8,
  opticurve: true,
  opttolerance: 0.2,
  turnpolicy: 4,
};

interface PotraceModule {
  potrace(
    image: { width: number; height: number; data: Uint8Array },
    options: Record<string, number | boolean>,
  ): Promise<string>;
  init(): Promise<void>;
}

let loading: Promise<PotraceModule> | undefined;

/**
 * Loads esm-potrace-wasm once per thread. Its Emscripten glue probes `require` and `__dirname` at
 * import time even under ESM, so both are provided for the import and removed again afterwards.
 */
function loadPotrace(): Promise<PotraceModule> {
  loading ??= (async () => {
    const scope = globalThis as { require?: unknown; __dirname?: unknown };
    const require = createRequire(import.meta.url);
    const hadRequire = 'require' in scope;
    const hadDirname = '__dirname' in scope;
    if (!hadRequire) scope.require = require;
    if (!hadDirname) scope.__dirname = path.dirname(require.resolve('esm-potrace-wasm'));
    try {
      const module = (await import('esm-potrace-wasm')) as unknown as PotraceModule;
      await module.init();
      return module;
    } finally {
      if (!hadRequire) delete scope.require;
      if (!hadDirname) delete scope.__dirname;
    }
  })();
  return loading;
}

/** A traced layer: potrace path data in its own coordinates and the transform placing it. */
export interface TracedPaths {
  /** Path data, potrace's relative commands in tenths of a pixel, y up. */
  readonly d: string;
  /** SVG transform that maps `d` to image pixels (x right, y down). */
  readonly transform: string;
}

let scratch = new Int32Array(0);

/** Largest buffer kept between calls (2048 x 2048 words, 16 MB); bigger ones are not retained. */
export const MAX_RETAINED_WORDS = 2048 * 2048;

/** A reused buffer for potrace's input: a fresh 4 MB array per layer kept the GC busy. */
function scratchWords(length: number): Int32Array {
  if (length > MAX_RETAINED_WORDS) return new Int32Array(length);
  if (scratch.length < length) scratch = new Int32Array(length);
  return scratch.subarray(0, length);
}

// Opaque black and opaque white as little-endian RGBA words, signed so V8 stores them as small ints.
const INK = 0xff000000 | 0;
const PAPER = 0xffffffff | 0;

/**
 * Traces a bit mask (1 = ink) with potrace. Only the mask's bounding box is handed to potrace
 * (its cost is per pixel of input), and the result is translated back. Null when the mask is empty.
 */
export function traceMask(
  mask: Uint8Array,
  width: number,
  height: number,
  params: PotraceParams = DEFAULT_POTRACE_PARAMS,
): Promise<TracedPaths | null> {
  return traceMaskInBox(mask, width, maskBounds(mask, width, height), params);
}

/** A box in pixels, exclusive upper bounds. */
export interface PixelBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Traces the set pixels of a mask (`width` pixels a row) inside `box`, which must hold them all. */
export async function traceMaskInBox(
  mask: Uint8Array,
  width: number,
  box: PixelBox | null,
  params: PotraceParams = DEFAULT_POTRACE_PARAMS,
): Promise<TracedPaths | null> {
  if (!box || box.x1 <= box.x0 || box.y1 <= box.y0) return null;
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const words = scratchWords(w * h);
  for (let y = 0; y < h; y++) {
    const row = (box.y0 + y) * width + box.x0;
    const out = y * w;
    for (let x = 0; x < w; x++) words[out + x] = mask[row + x] ? INK : PAPER;
  }
  const potrace = await loadPotrace();
  const svg = await potrace.potrace(
    { width: w, height: h, data: new Uint8Array(words.buffer, 0, w * h * 4) },
    {
      extractcolors: false,
      pathonly: false,
      turdsize: params.turdsize,
      turnpolicy: params.turnpolicy,
      alphamax: params.alphamax,
      opticurve: params.opticurve ? 1 : 0,
      opttolerance: params.opttolerance,
    },
  );
  const d = [...svg.matchAll(/\sd="([^"]*)"/g)].map((match) => (match[1] as string).trim()).join(' ');
  if (d === '') return null;
  return { d, transform: `translate(${box.x0},${box.y0 + h}) scale(0.1,-0.1)` };
}

/** The bounding box of the set pixels, exclusive upper bounds; null when none is set. */
export function maskBounds(
  mask: Uint8Array,
  width: number,
  height: number,
): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (mask[row + x]) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (y < y0) y0 = y;
    y1 = y;
    if (first < x0) x0 = first;
    if (last > x1) x1 = last;
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}
