import type { Palette } from '../../../../../shared/palette.ts';
import type { SvgArt } from './art.ts';
import { artColors } from './art.ts';
import { type Cmyk, deltaE, hexToRgb, isPaperWhite, type Rgb, rgbToCmyk, rgbToHex } from './color.ts';

/** A named ink of a spot job: the palette colour it prints, and what non-separating devices show. */
export interface SpotInk {
  readonly name: string;
  readonly hex: string;
  readonly rgb: Rgb;
  readonly cmyk: Cmyk;
}

export interface PaletteEntry {
  readonly hex: string;
  readonly name?: string | undefined;
}

/**
 * The ink's name as the designer gave it (control characters dropped, whitespace collapsed, at most
 * 60 characters), or a hex-based name. PDF writers escape it (see pdfName), so any text is safe.
 */
export function spotName(entry: PaletteEntry): string {
  const given = (entry.name ?? '')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (given !== '') return [...given].slice(0, 60).join('');
  const hex = entry.hex.replace('#', '').toUpperCase();
  // Pure black is the one ink every printer already calls by name.
  return hex === '000000' ? 'Black' : `Spot ${hex}`;
}

/** Art colours closer than this (CIE76) print with one ink: shades of a gradient, near-duplicates. */
const MERGE_DELTA_E = 12;
/** More screens than this is not a job anyone prints from an unnamed palette. */
const MAX_DERIVED_INKS = 8;

/**
 * The inks of a job, in order of preference: the palette given in the options, the logo's locked
 * palette, the exact colours of a vector master (most used first; near-duplicates merged, at most
 * 8), then the logo's stored palette. Paper white is not an ink on a light substrate. Repeated
 * names are made unique.
 */
export function chooseInks(
  art: SvgArt,
  optionPalette: readonly PaletteEntry[] | undefined,
  stored: Palette | null | undefined,
  source: 'svg' | 'trace',
): SpotInk[] {
  let entries: readonly PaletteEntry[] = [];
  // Only colours read off the art are merged and capped; a palette someone chose is used as is.
  let derived = false;
  if (optionPalette && optionPalette.length > 0) entries = optionPalette;
  else if (stored?.locked && stored.colors.length > 0) entries = stored.colors;
  else {
    const own = artColors(art);
    derived = true;
    if (own.length > 0)
      entries = own.map((hex) => ({ hex, name: stored?.colors.find((colour) => colour.hex === hex)?.name }));
    else if (stored && source === 'svg') entries = stored.colors;
  }
  const inks: SpotInk[] = [];
  const names = new Set<string>();
  for (const entry of entries) {
    const rgb = hexToRgb(entry.hex);
    const hex = rgbToHex(rgb);
    if (isPaperWhite(rgb) || inks.some((ink) => ink.hex === hex)) continue;
    if (derived && (inks.length >= MAX_DERIVED_INKS || inks.some((ink) => deltaE(ink.rgb, rgb) < MERGE_DELTA_E)))
      continue;
    let name = spotName(entry);
    for (let i = 2; names.has(name); i++) name = `${spotName(entry)} ${i}`;
    names.add(name);
    inks.push({ name, hex, rgb, cmyk: rgbToCmyk(rgb) });
  }
  return inks;
}

/** The ink nearest a paint colour (CIE76), or null for paper white / no inks. */
export function nearestInk(rgb: Rgb, inks: readonly SpotInk[]): SpotInk | null {
  if (isPaperWhite(rgb)) return null;
  let best: SpotInk | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const ink of inks) {
    const distance = deltaE(rgb, ink.rgb);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = ink;
    }
  }
  return best;
}
