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

/**
 * The knockout rule on measured ink. On a light backdrop (a white rectangle behind the mark) the
 * light share says nothing: the backdrop is paper and must become a hole as well, whenever there
 * is a mark on it at all.
 */
export function needsKnockout(ink: Ink): boolean {
  let light = 0;
  for (const colour of ink.colours) if (isLightDetail(colour.rgb)) light += colour.share;
  return ink.backdrop ? 1 - light >= 0.01 : knocksOut(light);
}

/** Share of the outermost pixel ring that must be opaque and light for a backdrop. */
const BACKDROP_RING = 0.95;

/** Whether straight-alpha RGBA pixels are drawn on a light backdrop: an opaque light ring all round. */
export function hasLightBackdrop(rgba: Uint8Array, width: number, height: number): boolean {
  if (width < 3 || height < 3) return false;
  let ring = 0;
  let light = 0;
  const visit = (x: number, y: number): void => {
    const i = (y * width + x) * 4;
    ring++;
    if (
      (rgba[i + 3] as number) >= 250 &&
      isLightDetail([rgba[i] as number, rgba[i + 1] as number, rgba[i + 2] as number])
    )
      light++;
  };
  for (let x = 0; x < width; x++) {
    visit(x, 0);
    visit(x, height - 1);
  }
  for (let y = 1; y < height - 1; y++) {
    visit(0, y);
    visit(width - 1, y);
  }
  return light >= ring * BACKDROP_RING;
}
