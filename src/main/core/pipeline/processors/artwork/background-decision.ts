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
  floodFillBackground,
  nearBackground,
  removeBackgroundRegion,
} from '../raster/background.ts';
import { OPAQUE_ALPHA, type RgbaImage, usesTransparency } from '../raster/rgba.ts';

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
 * Decides the background of a master render. Vector and raster masters follow one rule: a vector
 * that fills its canvas with a coloured field is art; one drawn on a white rectangle is on paper.
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
  if (paperLike && background.borderShare >= PAPER_BORDER_SHARE) {
    return {
      kind: 'flat',
      colour: hex,
      // A vector drew its white rectangle on purpose (a white flag field?): less sure it is paper.
      confidence: round2(Math.min(1, 0.5 + background.borderShare / 2) * (isVector ? 0.8 : 1)),
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
}

/** Decides and applies: paper reached from the edge and paper enclosed by the art become transparent. */
export function applyBackgroundDecision(
  image: RgbaImage,
  isVector: boolean,
  settings: ArtworkSettings = DEFAULT_ARTWORK_SETTINGS,
  tolerance = DEFAULT_BACKGROUND_TOLERANCE,
): DecidedImage {
  const decision = decideBackground(image, isVector, settings, tolerance);
  if (decision.kind !== 'flat' || !decision.colour) return { image, decision, removedShare: 0, enclosedShare: 0 };
  const background = detectBackground(image, tolerance, 0) as Background;
  const near = nearBackground(image, background, tolerance);
  const region = floodFillBackground(image, background, tolerance, near);
  const enclosed = enclosedPaper(image, region, near);
  let removed = 0;
  let inside = 0;
  for (let i = 0; i < region.length; i++) {
    if (enclosed[i]) {
      region[i] = 1;
      inside++;
    }
    removed += region[i] as number;
  }
  const pixels = region.length || 1;
  return {
    image: removeBackgroundRegion(image, region, background),
    decision,
    removedShare: round4(removed / pixels),
    enclosedShare: round4(inside / pixels),
  };
}

/**
 * Paper the flood fill could not reach: pixels of the paper colour enclosed by the art (the inside
 * of an "o", the gap in an "A"). A JPEG logo on white shows the paper there too, so it goes with it.
 */
function enclosedPaper(image: RgbaImage, reached: Uint8Array, near: Uint8Array): Uint8Array {
  const { data } = image;
  const out = new Uint8Array(reached.length);
  for (let i = 0; i < reached.length; i++)
    if (!reached[i] && near[i] && (data[i * 4 + 3] as number) >= OPAQUE_ALPHA) out[i] = 1;
  return out;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
