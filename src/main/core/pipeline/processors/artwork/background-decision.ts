import {
  type ArtworkSettings,
  type BackgroundDecision,
  DEFAULT_ARTWORK_SETTINGS,
  settledDecision,
} from '../../../../../shared/artwork.ts';
import { toHex } from '../../../../../shared/colour.ts';
import {
  type Background,
  DEFAULT_BACKGROUND_TOLERANCE,
  detectBackground,
  fadeIntoBackground,
  floodFillBackground,
  NEAR_OFF,
  nearBackground,
  removeBackgroundRegion,
} from '../raster/background.ts';
import { erodedCore } from '../raster/erosion.ts';
import { visitQuads } from '../raster/quads.ts';
import { OPAQUE_ALPHA, type RgbaImage, usesTransparency } from '../raster/rgba.ts';
import { softShade } from './soft-shade.ts';

/**
 * The one place that decides what a master's background is, so every recipe agrees: the master's
 * own transparency; a flat light paper colour around the art (a JPEG or scan on white), removed
 * with the paper the art encloses (letter counters); or no paper at all, because a coloured field
 * that fills the canvas (a flag, a square app icon) is art, never paper.
 */

/** Paper surrounds the art: at least this share of the border is the one flat colour. */
const PAPER_BORDER_SHARE = 0.6;
/** Paper is light and near neutral (CIE L* and chroma C*ab); a coloured or dark field is art. */
const PAPER_MIN_LIGHTNESS = 88;
const PAPER_MAX_CHROMA = 12;

/**
 * Decides the background of a master render: its own transparency, else a raster's light paper
 * all round the art (removed), else no paper (the whole canvas is art). A vector that fills its
 * canvas is art even when the field is white: its geometry is exact, and only the designer (the
 * "Remove" override) can say a drawn rectangle is just a backdrop.
 */
export function decideBackground(
  image: RgbaImage,
  isVector: boolean,
  settings: ArtworkSettings = DEFAULT_ARTWORK_SETTINGS,
  tolerance = DEFAULT_BACKGROUND_TOLERANCE,
): BackgroundDecision {
  const setting = settings.background;
  const settled = settledDecision(setting);
  if (settled) return settled;
  if (usesTransparency(image))
    return {
      kind: 'transparent',
      colour: null,
      confidence: 1,
      setting,
      reason: 'The master has its own transparency.',
    };
  if (setting === 'remove') {
    // The designer says there is paper: take the border's most common colour, however little of it.
    const background = detectBackground(image, tolerance, 0);
    if (!background)
      return { kind: 'none', colour: null, confidence: 1, setting, reason: 'No background colour to remove.' };
    return {
      kind: 'flat',
      colour: toHex(background.rgb),
      confidence: 1,
      setting,
      reason: 'Background removed, as chosen.',
    };
  }
  const background = detectBackground(image, tolerance, 0.5);
  if (!background)
    return {
      kind: 'none',
      colour: null,
      confidence: 0.7,
      setting,
      reason: 'No flat colour around the edge: the whole canvas is art.',
    };
  const [lightness, a, b] = background.lab;
  const chroma = Math.hypot(a, b);
  const hex = toHex(background.rgb);
  const paperLike = lightness >= PAPER_MIN_LIGHTNESS && chroma <= PAPER_MAX_CHROMA;
  if (isVector && paperLike)
    // A vector is exact geometry: a white field it draws is drawn on purpose (the flags of Japan,
    // Israel, Finland), so every full-colour output keeps it. One-colour versions still leave it
    // out (white is paper by the one-colour rule); "Remove" takes out a frame's white backdrop.
    return {
      kind: 'none',
      colour: null,
      confidence: round2(background.borderShare >= PAPER_BORDER_SHARE ? 0.6 : 0.8),
      setting,
      reason: `The vector draws a light field (${hex}) to its edges: kept as drawn. Choose "Remove" if it is only a backdrop.`,
    };
  if (paperLike && background.borderShare >= PAPER_BORDER_SHARE) {
    return {
      kind: 'flat',
      colour: hex,
      confidence: round2(Math.min(1, 0.5 + background.borderShare / 2)),
      setting,
      reason: `Light paper (${hex}) all round the art: removed, with the paper inside letters.`,
    };
  }
  return {
    kind: 'none',
    colour: null,
    confidence: round2(paperLike ? 0.55 : Math.min(0.95, 0.6 + background.borderShare / 3)),
    setting,
    reason: paperLike
      ? `Light colour (${hex}) on only part of the edge: kept as art.`
      : `A coloured field (${hex}) fills the canvas: it is art, not paper.`,
  };
}

export interface DecidedImage {
  /** The master with its paper made transparent (unchanged unless the decision is 'flat'). */
  readonly image: RgbaImage;
  readonly decision: BackgroundDecision;
  /** Share of the canvas made transparent (paper reached from the edge plus enclosed paper). */
  readonly removedShare: number;
  /** Share of the canvas that was paper enclosed by the art (letter counters). */
  readonly enclosedShare: number;
  /** Share of the canvas that was soft shading on the paper (a drop shadow), made translucent again. */
  readonly shadeShare: number;
  /** Flat fills a little off the paper colour that went with the paper (see faintArtTakenAsPaper). */
  readonly faintArt: FaintArt | null;
}

export interface FaintArt {
  /** The commonest colour of the faint fills, e.g. #f5f9fc. */
  readonly colour: string;
  /** Their share of the canvas. */
  readonly share: number;
}

/** Decides and applies: paper reached from the edge and paper enclosed by the art become transparent. */
export function applyBackgroundDecision(
  image: RgbaImage,
  isVector: boolean,
  settings: ArtworkSettings = DEFAULT_ARTWORK_SETTINGS,
  tolerance = DEFAULT_BACKGROUND_TOLERANCE,
): DecidedImage {
  const decision = decideBackground(image, isVector, settings, tolerance);
  if (decision.kind !== 'flat' || !decision.colour)
    return { image, decision, removedShare: 0, enclosedShare: 0, shadeShare: 0, faintArt: null };
  const background = detectBackground(image, tolerance, 0) as Background;
  const near = nearBackground(image, background, tolerance, ENCLOSED_PAPER_MATCH);
  const region = floodFillBackground(image, background, tolerance, near);
  // Light details the fill reached from the paper (a rim drawn round the art) are art again; the
  // enclosed-paper pass below then sees them as enclosed and keeps them by the same rule.
  for (const i of reachedLightDetails(image, region, near)) region[i] = 0;
  // A shadow falls on the paper round the art; light shading inside it (a gloss, a lit face) is art.
  const shade = softShade(image, region, background);
  const enclosed = enclosedPaper(image, region, near);
  for (const i of enclosed) region[i] = 1;
  const removed = countOnes(region);
  const inside = enclosed.length;
  const pixels = region.length || 1;
  const faintArt = faintArtTakenAsPaper(image, region, background, tolerance);
  const decided = removeBackgroundRegion(image, region, background);
  // A shadow or glow that fades into the paper was partial opacity in the master: it is again.
  fadeIntoBackground(decided, image, shade, background);
  return {
    image: decided,
    // The details panel shows the reason: faint fills that went with the paper are named there too.
    decision: faintArt
      ? { ...decision, reason: `${decision.reason} ${faintArtSentence(faintArt)} went with it.` }
      : decision,
    removedShare: round4(removed / pixels),
    enclosedShare: round4(inside / pixels),
    shadeShare: round4(shade.length / pixels),
    faintArt,
  };
}

/** Removed pixels further than this (CIE76) from the paper, in flat patches, may be faint art. */
const FAINT_ART_MATCH = 2;
/** Faint fills are reported when they cover at least this share of the canvas. */
const FAINT_ART_SHARE = 0.005;

/**
 * Paper is removed up to ENCLOSED_PAPER_MATCH from its colour, so a fill closer than that goes
 * with it: devicon's replit wordmark is #f5f9fc, 3 from white, drawn for dark backgrounds, and a
 * render of it on white loses its lettering. Patches of such a fill (flat, with a core, as drawn
 * fills are and JPEG noise is not) are found with the light-detail rule at a finer match and
 * reported, so every full-colour output can say what it left out.
 */
function faintArtTakenAsPaper(
  image: RgbaImage,
  removed: Uint8Array,
  background: Background,
  tolerance: number,
): FaintArt | null {
  const faint = reachedLightDetails(image, removed, nearBackground(image, background, tolerance, FAINT_ART_MATCH));
  if (faint.length < FAINT_ART_SHARE * removed.length) return null;
  const words = new Uint32Array(image.data.buffer, image.data.byteOffset, removed.length);
  const counts = new Map<number, number>();
  for (const i of faint) counts.set(words[i] as number, (counts.get(words[i] as number) ?? 0) + 1);
  const [word] = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  const bytes = new Uint8Array(new Uint32Array([word]).buffer);
  return {
    colour: toHex([bytes[0] as number, bytes[1] as number, bytes[2] as number]),
    share: round4(faint.length / removed.length),
  };
}

/** The warning a full-colour output of a master with faint art on its paper carries; [] when none. */
export function faintArtWarning(decided: Pick<DecidedImage, 'faintArt'>): string[] {
  if (!decided.faintArt) return [];
  return [
    `${faintArtSentence(decided.faintArt)} were taken as paper and left out. If they are part of the logo, set the background to "Keep".`,
  ];
}

function faintArtSentence({ colour, share }: FaintArt): string {
  return `Light fills close to the paper colour (${colour}, ${(share * 100).toFixed(1)} % of the canvas)`;
}

/**
 * Enclosed light pixels that differ from the paper by more than this (CIE76) are a light detail
 * (#ebebeb in devicon's CSS3 shield is 7 from white), not paper, when they form a patch wider than
 * an anti-aliased or JPEG rim. Scores count every removed pixel further than this as art.
 */
export const ENCLOSED_PAPER_MATCH = 5;
/** A patch is a detail when some pixel of it lies this many pixels (4-connected) inside it. */
const DETAIL_DEPTH = 3;

/**
 * Paper the flood fill could not reach: pixels of the paper colour enclosed by the art (the inside
 * of an "o", the gap in an "A"). A JPEG logo on white shows the paper there too, so it goes with it.
 * Light details that are not the paper colour (NEAR_OFF in `near`) stay when they form a patch, not
 * just a rim. Returns the enclosed paper's pixels.
 */
function enclosedPaper(image: RgbaImage, reached: Uint8Array, near: Uint8Array): number[] {
  const { data, width } = image;
  const pixels = reached.length;
  const paper = new Uint8Array(pixels);
  const candidates: number[] = [];
  const offList: number[] = [];
  const visit = (i: number): void => {
    if (reached[i] || !near[i] || (data[i * 4 + 3] as number) < OPAQUE_ALPHA) return;
    paper[i] = 1;
    candidates.push(i);
    if (near[i] === NEAR_OFF) offList.push(i);
  };
  // Most words of four pixels are all reached, or none of them near.
  visitQuads(pixels, near, reached, (nearWord, reachedWord) => nearWord & ~reachedWord & 0x01010101, visit);
  if (offList.length === 0) return candidates;
  // Every `off` patch holding a core pixel is a detail: it stays art.
  const off = new Uint8Array(pixels);
  for (const i of offList) off[i] = 1;
  const stack = new Int32Array(offList.length);
  for (const start of patchCores(offList, width, pixels)) {
    if (!paper[start]) continue;
    let top = 0;
    stack[top++] = start;
    paper[start] = 0;
    while (top > 0) {
      const index = stack[--top] as number;
      const x = index % width;
      if (x > 0) top = visitOff(index - 1, off, paper, stack, top);
      if (x < width - 1) top = visitOff(index + 1, off, paper, stack, top);
      if (index >= width) top = visitOff(index - width, off, paper, stack, top);
      if (index < pixels - width) top = visitOff(index + width, off, paper, stack, top);
    }
  }
  return candidates.filter((i) => paper[i] === 1);
}

/** How many bytes of a 0/1 mask are 1: four at a time (a word's bytes summed by one multiply). */
function countOnes(mask: Uint8Array): number {
  const words = mask.length >> 2;
  const mask32 = new Uint32Array(mask.buffer, mask.byteOffset, words);
  let count = 0;
  for (let w = 0; w < words; w++) count += Math.imul(mask32[w] as number, 0x01010101) >>> 24;
  for (let i = words << 2; i < mask.length; i++) count += mask[i] as number;
  return count;
}

/** The core of `off` patches: `off` eroded DETAIL_DEPTH times. */
function patchCores(offList: readonly number[], width: number, pixels: number): readonly number[] {
  return erodedCore(offList, width, DETAIL_DEPTH, new Uint8Array(pixels));
}

/**
 * Light details the flood fill reached from the paper: patches of a flat light colour that is not
 * the paper's (more than ENCLOSED_PAPER_MATCH from it), wider than a rim, and flat (a core pixel
 * equal to its neighbours, as drawn art is and JPEG noise or a shaded paper is not). Julia's
 * circles are ringed in #eee and Babylon.js has a #e0ded8 facet beside a white one: on white both
 * were taken for paper (colour trace ΔE76 1.30 and 1.65, vtracer 0.20 and 0.55).
 */
function reachedLightDetails(image: RgbaImage, reached: Uint8Array, near: Uint8Array): number[] {
  const { data, width } = image;
  const pixels = reached.length;
  const words = new Uint32Array(data.buffer, data.byteOffset, pixels);
  const isOff = (i: number): boolean => near[i] === NEAR_OFF;
  // Cores grow from flat light pixels only (equal to their right and lower neighbours), as drawn
  // fills are and JPEG noise or a shaded paper is not. Four pixels are skipped at a time where none
  // is both reached and off the paper's colour: most of the paper.
  const flatList: number[] = [];
  const flat = (i: number): void => {
    if (!reached[i] || !isOff(i)) return;
    const word = words[i] as number;
    if (words[i + 1] !== word || words[i + width] !== word || !reached[i + 1] || !reached[i + width]) return;
    flatList.push(i);
  };
  // NEAR_OFF sets bit 1 of its byte; reached is 0 or 1.
  visitQuads(
    pixels - width,
    near,
    reached,
    (nearWord, reachedWord) => (nearWord >>> 1) & reachedWord & 0x01010101,
    flat,
  );
  if (flatList.length === 0) return [];
  const cores = patchCores(flatList, width, pixels);
  if (cores.length === 0) return [];
  // Each patch with a core is art: its light pixels, rim included, reached from the core.
  const kept: number[] = [];
  const seen = new Uint8Array(pixels);
  const stack: number[] = [];
  const grow = (j: number): void => {
    if (reached[j] && !seen[j] && isOff(j)) {
      seen[j] = 1;
      stack.push(j);
    }
  };
  for (const start of cores) {
    if (seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      kept.push(i);
      const x = i % width;
      if (x > 0) grow(i - 1);
      if (x < width - 1) grow(i + 1);
      if (i >= width) grow(i - width);
      if (i < pixels - width) grow(i + width);
    }
  }
  return kept;
}

/** One step of the detail fill: an `off` pixel still marked as paper goes back to art and is queued. */
function visitOff(next: number, off: Uint8Array, paper: Uint8Array, stack: Int32Array, top: number): number {
  if (!off[next] || !paper[next]) return top;
  paper[next] = 0;
  stack[top] = next;
  return top + 1;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
