import { DEFAULT_ONE_COLOUR_THRESHOLD } from '../../../../../shared/artwork.ts';
import { rgbToLab } from '../../../../../shared/colour.ts';
import type { Ink, Rgb } from './colour.ts';

/**
 * The one-colour rule. A one-colour version (black on light paper; the same shape in white on dark)
 * keeps as ink the colours that read against the paper it sits on and turns the others into paper:
 * a colour lighter than the threshold (CIE L*, 85 by default, set per logo) is paper. Light details
 * inside darker ink (cream letters on a brown badge, a yellow circle in a blue square, a white glyph
 * on a coin, the white backing behind a mark) therefore become holes, not painted ink. A mark made
 * only of light colours (a white logo) has nothing darker to keep: the whole mark is its ink.
 * Raster pixels fade out over +-KNOCKOUT_RAMP around the threshold: narrow, so a flat colour
 * near the threshold is wholly ink or wholly paper, never a faint tint.
 */
export const KNOCKOUT_RAMP = 0.5;

/** Least share of the mark that must be darker than the threshold for light colours to become holes. */
const MIN_DARK_SHARE = 0.02;
/** Least share of light colours worth cutting out. */
const MIN_LIGHT_SHARE = 0.005;

/** CIE L* of a colour, 0 (black) to 100 (white). */
export function lightness(rgb: Rgb): number {
  return rgbToLab(rgb)[0];
}

/** The threshold in force: the logo's own, else the default. */
export function oneColourThreshold(threshold?: number | null): number {
  return threshold ?? DEFAULT_ONE_COLOUR_THRESHOLD;
}

/** A colour that a one-colour version turns into paper (when it knocks out at all). */
export function isLightDetail(rgb: Rgb, threshold?: number | null): boolean {
  return lightness(rgb) > oneColourThreshold(threshold);
}

/** 0-1: how much of a pixel of this lightness stays ink in a knocked-out one-colour version. */
export function inkWeight(l: number, threshold?: number | null): number {
  const t = oneColourThreshold(threshold);
  return Math.min(1, Math.max(0, (t + KNOCKOUT_RAMP - l) / (2 * KNOCKOUT_RAMP)));
}

/** Knock out when there is darker ink to keep and light colours to cut from it. */
export function knocksOut(lightShare: number, darkShare = 1 - lightShare): boolean {
  return darkShare >= MIN_DARK_SHARE && lightShare >= MIN_LIGHT_SHARE;
}

/** The knockout rule on measured ink (a white backdrop is light like any other light colour). */
export function needsKnockout(ink: Ink, threshold?: number | null): boolean {
  let light = 0;
  let dark = 0;
  for (const colour of ink.colours) {
    if (isLightDetail(colour.rgb, threshold)) light += colour.share;
    else dark += colour.share;
  }
  return knocksOut(light, dark);
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
