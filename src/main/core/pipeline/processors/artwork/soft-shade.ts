import { rgbToLab } from '../../../../../shared/colour.ts';
import type { Background } from '../raster/background.ts';
import { erodedCore } from '../raster/erosion.ts';
import type { RgbaImage } from '../raster/rgba.ts';

/**
 * Soft shading on paper: the drop shadow or glow under a logo scanned or saved on white. In the
 * master it was a dark colour at partial opacity (Tux's and Wilber's shadows are black at about
 * 25 %); on paper it is a grey ramp that fades into the paper with no edge. Left opaque it reads
 * as ink, and every one-colour version prints the shadow as a solid blob. It is told from drawn
 * art by all of: it is near neutral, it leaves the paper softly all round (no anti-aliased edge),
 * its lightness ramps (a drawn grey fill is flat), and it is wide (a hairline or rim is not).
 * It runs on every opaque master a recipe reads, so it works in cheap arithmetic: shading is grey,
 * and the L* of a grey is a table lookup.
 */

/** Largest L* step between neighbouring pixels inside a ramp; an anti-aliased edge steps further. */
const RAMP_STEP = 4;
/** Largest spread (8-bit levels) of a pixel's channels away from the paper's: shading is grey. */
const NEUTRAL_SPREAD = 16;
/** How far (L*) below the paper a ramp's pixels next to the paper may be: it leaves the paper softly. */
const SOFT_START = 20;
/** Least share of a patch's pixels next to the paper that must leave it softly. */
const SOFT_BORDER_SHARE = 0.9;
/** Least L* span of a ramp: a shadow darkens from the paper; a light flat tint does not. */
const MIN_RAMP_SPAN = 8;
/** Most share of a patch's pixels equal to all four neighbours: drawn fills are flat, ramps are not. */
const MAX_FLAT_SHARE = 0.5;
/** Smallest patch worth calling a shadow (pixels). */
const MIN_SHADE_PIXELS = 64;
/** Erosions (4-connected) a patch must survive: a shadow is wide; rims and hairlines are not. */
const MIN_SHADE_DEPTH = 6;
/** A ramp must darken below this L* to be a shadow: lighter shading reads as paper anyway. */
const SHADE_MAX_DARKEST = 85;

/** Pixels darker than this (L*) are never shading: no soft shadow is that dark, and black fills stop the growth. */
const SHADE_MIN_LIGHT = 30;

/** Rows and columns apart of the seed scan; below the width (2 x MIN_SHADE_DEPTH + 1) of the narrowest shadow. */
const SEED_GRID = 8;

/** CIE L* of the grey (v, v, v). */
const GREY_LIGHTNESS = Float32Array.from({ length: 256 }, (_, v) => rgbToLab([v, v, v])[0]);

/**
 * The pixels of soft shading on the paper (`paper` = 1), listed. Each candidate patch grows from
 * the paper through grey pixels in small lightness steps, and is kept only when it passes every
 * test above.
 */
export function softShade(image: RgbaImage, paper: Uint8Array, background: Background): number[] {
  const { data, width } = image;
  const pixels = paper.length;
  const [pr, pg, pb] = background.rgb;
  const paperLight = background.lab[0];
  const grey = (i: number): boolean => {
    const dr = (data[i * 4] as number) - pr;
    const dg = (data[i * 4 + 1] as number) - pg;
    const db = (data[i * 4 + 2] as number) - pb;
    return Math.max(dr, dg, db) - Math.min(dr, dg, db) <= NEUTRAL_SPREAD;
  };
  const light = (i: number): number =>
    GREY_LIGHTNESS[
      ((data[i * 4] as number) * 54 + (data[i * 4 + 1] as number) * 183 + (data[i * 4 + 2] as number) * 19) >> 8
    ] as number;
  const touchesPaper = (i: number): boolean => {
    const x = i % width;
    return (
      (x > 0 && paper[i - 1] === 1) ||
      (x < width - 1 && paper[i + 1] === 1) ||
      (i >= width && paper[i - width] === 1) ||
      (i + width < pixels && paper[i + width] === 1)
    );
  };
  const words = new Uint32Array(data.buffer, data.byteOffset, pixels);
  const shade: number[] = [];
  const patch: number[] = [];
  // Allocated when first needed: most masters have no seed, and most seeds a patch of a few pixels.
  let seen: Uint8Array | null = null;
  let depth: Uint8Array | null = null;
  const queue: number[] = [];
  const grow = (start: number): void => {
    seen ??= new Uint8Array(pixels);
    if (seen[start]) return;
    const marks = seen;
    const visit = (j: number, l: number): void => {
      if (paper[j] || marks[j] || !grey(j)) return;
      const lj = light(j);
      if (lj < SHADE_MIN_LIGHT || Math.abs(lj - l) > RAMP_STEP) return;
      marks[j] = 1;
      queue.push(j);
    };
    patch.length = 0;
    marks[start] = 1;
    queue.push(start);
    while (queue.length > 0) {
      const i = queue.pop() as number;
      patch.push(i);
      const l = light(i);
      const x = i % width;
      if (x > 0) visit(i - 1, l);
      if (x < width - 1) visit(i + 1, l);
      if (i >= width) visit(i - width, l);
      if (i + width < pixels) visit(i + width, l);
    }
    if (patch.length < MIN_SHADE_PIXELS) return;
    depth ??= new Uint8Array(pixels);
    if (isShade(patch, depth)) for (const i of patch) shade.push(i);
  };
  const isFlat = (i: number): boolean => {
    const x = i % width;
    const word = words[i];
    return (
      x > 0 &&
      x < width - 1 &&
      i >= width &&
      i + width < pixels &&
      words[i - 1] === word &&
      words[i + 1] === word &&
      words[i - width] === word &&
      words[i + width] === word
    );
  };
  const isShade = (list: readonly number[], scratch: Uint8Array): boolean => {
    if (list.length < MIN_SHADE_PIXELS) return false;
    // Soft where it meets the paper, a ramp, not a flat fill, and wide.
    let border = 0;
    let soft = 0;
    let flat = 0;
    let darkest = 100;
    let lightest = 0;
    for (const i of list) {
      const l = light(i);
      if (l < darkest) darkest = l;
      if (l > lightest) lightest = l;
      if (isFlat(i)) flat++;
      if (!touchesPaper(i)) continue;
      border++;
      if (paperLight - l <= SOFT_START) soft++;
    }
    return (
      border > 0 &&
      soft >= border * SOFT_BORDER_SHARE &&
      darkest <= SHADE_MAX_DARKEST &&
      lightest - darkest >= MIN_RAMP_SPAN &&
      flat <= list.length * MAX_FLAT_SHARE &&
      rampCore(list, width, scratch, isFlat)
    );
  };
  const seed = (i: number): void => {
    if (paper[i] || !touchesPaper(i) || !grey(i) || paperLight - light(i) > SOFT_START) return;
    grow(i);
  };
  // Seeds are looked for on a grid of rows and columns SEED_GRID apart: a shadow wide enough to
  // survive MIN_SHADE_DEPTH erosions meets the paper across some of them, and the scan costs an
  // eighth of a pass over every pixel.
  const height = pixels / width;
  for (let y = 0; y < height; y += SEED_GRID) for (let x = 0; x < width; x++) seed(y * width + x);
  for (let x = 0; x < width; x += SEED_GRID) for (let y = 0; y < height; y++) seed(y * width + x);
  return shade;
}

/**
 * Whether the patch is wide and ramps where it is wide: eroded MIN_SHADE_DEPTH times (4-connected)
 * it keeps pixels (a hairline or a rim, however long, does not), and most of those are not flat (a
 * drawn grey face joined to a net of hairlines is). `depth` is all zero on entry and exit.
 */
function rampCore(patch: readonly number[], width: number, depth: Uint8Array, isFlat: (i: number) => boolean): boolean {
  const core = erodedCore(patch, width, MIN_SHADE_DEPTH, depth);
  let flat = 0;
  for (const i of core) if (isFlat(i)) flat++;
  return core.length > 0 && flat <= core.length * MAX_FLAT_SHARE;
}
