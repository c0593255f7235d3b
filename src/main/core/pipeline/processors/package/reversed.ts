import { contrast, type Ink, type Rgb } from '../artwork/colour.ts';
import { isLightDetail } from '../artwork/knockout.ts';

/**
 * The reversed version, for dark backgrounds, as agencies deliver it: never a photographic
 * negative. Each brand colour that reads on dark (WCAG contrast of at least 3:1 against black) is
 * kept and the colours that do not (a black wordmark, a navy outline) become white. When that
 * would put light colours against the new white (cream letters on a badge that turned white), or
 * when nothing reads on dark at all, the reversed version is the one-colour white version.
 */
export const DARK_PAPER: Rgb = [0, 0, 0];
const READS_ON_DARK = 3;
const WHITE: Rgb = [255, 255, 255];
/** Colours under this share of the ink (anti-aliasing, specks) do not decide the plan. */
const MIN_SHARE = 0.005;

export type ReversedPlan =
  | { readonly kind: 'colours'; readonly map: (rgb: Rgb) => Rgb; readonly whitened: boolean }
  | { readonly kind: 'white' };

export function readsOnDark(rgb: Rgb): boolean {
  return contrast(rgb, DARK_PAPER) >= READS_ON_DARK;
}

export function reversedPlan(ink: Ink, threshold?: number | null): ReversedPlan {
  const colours = ink.colours.filter((colour) => colour.share >= MIN_SHARE);
  const whitened = colours.filter((colour) => !readsOnDark(colour.rgb));
  const kept = colours.filter((colour) => readsOnDark(colour.rgb));
  if (kept.length === 0) return { kind: 'white' };
  if (whitened.length > 0 && kept.some((colour) => isLightDetail(colour.rgb, threshold))) return { kind: 'white' };
  return { kind: 'colours', map: (rgb) => (readsOnDark(rgb) ? rgb : WHITE), whitened: whitened.length > 0 };
}
