import { type Ink, luminance, type Rgb } from './colour.ts';

/**
 * One-colour versions (black, white) of a mark with light details (white letters in a badge,
 * a highlight) knock those details out instead of painting them: painting everything black turns
 * a badge into a blob. Light = WCAG luminance of at least KNOCKOUT_FROM; raster pixels fade out
 * over the ramp to KNOCKOUT_TO so edges stay anti-aliased, vector shapes split at the middle.
 */
export const KNOCKOUT_FROM = 0.7;
export const KNOCKOUT_TO = 0.9;
const KNOCKOUT_MIDDLE = (KNOCKOUT_FROM + KNOCKOUT_TO) / 2;

/** A colour that a one-colour version knocks out (when it knocks out at all). */
export function isLightDetail(rgb: Rgb): boolean {
  return luminance(rgb) >= KNOCKOUT_MIDDLE;
}

/**
 * Knock out only when light colours are details: some of the ink, not most of it (a white
 * logo's black version is the whole logo in black).
 */
export function knocksOut(lightShare: number): boolean {
  return lightShare >= 0.01 && lightShare <= 0.5;
}

/** The knockout rule on measured ink. */
export function needsKnockout(ink: Ink): boolean {
  let light = 0;
  for (const colour of ink.colours) if (isLightDetail(colour.rgb)) light += colour.share;
  return knocksOut(light);
}
