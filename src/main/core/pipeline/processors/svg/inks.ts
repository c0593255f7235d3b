import {
  type Cmyk,
  deltaE76,
  deltaE2000,
  hexToRgb,
  isPaperWhite,
  type Rgb,
  rgbToLab,
  toHex,
} from '../../../../../shared/colour.ts';
import type { Palette } from '../../../../../shared/palette.ts';
import { type NamedInk, PROCESS_INK } from '../../../../../shared/print.ts';
import { isBlack, type Press } from '../../../colour/press.ts';
import type { SvgArt } from './art.ts';
import { type ArtAreas, measureArtAreas } from './ink-areas.ts';

/** A named ink of a spot job: the colour it prints, what non-separating devices show, its area. */
export interface SpotInk {
  readonly name: string;
  readonly hex: string;
  readonly rgb: Rgb;
  /** The ICC build of the ink colour for the press profile: the Separation's alternate. */
  readonly cmyk: Cmyk;
  /** Visible share of the artboard this ink prints (merged colours included), 0-1. */
  readonly coverage: number;
  /** The nearest ink of a loaded swatch book, when one is loaded. */
  readonly match?: InkMatch;
  /** Art colours the designer assigned to this ink ('#rrggbb'): they print here whatever is nearer. */
  readonly assigned?: readonly string[];
}

export interface InkMatch {
  readonly name: string;
  readonly book: string;
  readonly hex: string;
  /** CIEDE2000 between the brand colour and the named ink. */
  readonly deltaE00: number;
}

/** A colour of the art that prints on another colour's ink, and why. */
export interface InkMerge {
  readonly hex: string;
  readonly into: string;
  /** CIE76 between the colour and the ink it prints with. */
  readonly deltaE: number;
  /** Visible share of the artboard, 0-1. */
  readonly coverage: number;
  readonly reason: 'near' | 'invisible' | 'ink-limit' | 'user';
}

export interface InkPlan {
  readonly inks: SpotInk[];
  readonly merges: InkMerge[];
  /** Near-white colours that print as bare paper on a white substrate. */
  readonly paper: string[];
  /** Visible share of the artboard painted by gradients (printed as process or tints, not as inks of their own). */
  readonly gradientCoverage: number;
}

export interface PaletteEntry {
  readonly hex: string;
  readonly name?: string | undefined;
}

export interface InkRules {
  /** Colours closer than this (CIE76) print with one ink; the user may raise it. */
  readonly mergeDeltaE: number;
  /** At most this many inks; the smallest colours merge into their nearest ink beyond it. */
  readonly maxInks: number;
  /** The designer's merges and reassignments: colour `from` prints with the ink of colour `into`. */
  readonly mergeInks?: readonly { readonly from: string; readonly into: string }[] | undefined;
  /** The designer's ink names, by the ink's colour ('#rrggbb'). */
  readonly inkNames?: Readonly<Record<string, string>> | undefined;
  /** Colours the designer split off: each keeps an ink of its own, never merged automatically. */
  readonly keepInks?: readonly string[] | undefined;
  /** Gradients print as tints of their stop colours' inks: those colours become candidates too. */
  readonly gradients?: 'process' | 'spot-tints' | undefined;
}

/** Colours covering less than this share of the artboard cannot be seen at print size: never a plate. */
export const VISIBLE_SHARE = 0.001;
/** A swatch book name replaces the hex name only when the named ink is this close (ΔE00). */
const NAME_MATCH_DELTA_E00 = 5;

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
  // Black (#000000, and the #000001 some files use) is the one ink every printer calls by name.
  return isBlack(hexToRgb(entry.hex)) ? 'Black' : `Spot ${hex}`;
}

/** The nearest named ink by CIEDE2000. */
export function matchNamedInk(rgb: Rgb, named: readonly NamedInk[]): InkMatch | undefined {
  const lab = rgbToLab(rgb);
  let best: InkMatch | undefined;
  for (const ink of named) {
    const distance = deltaE2000(lab, rgbToLab(hexToRgb(ink.hex)));
    if (!best || distance < best.deltaE00)
      best = { name: ink.name, book: ink.book, hex: ink.hex, deltaE00: Math.round(distance * 100) / 100 };
  }
  return best;
}

interface Candidate {
  readonly hex: string;
  readonly rgb: Rgb;
  readonly name: string | undefined;
  coverage: number;
}

/**
 * The inks of a spot job. A palette given in the options or the logo's locked palette is used as
 * is (the designer chose it). Otherwise the inks are the art's own colours ranked by the area they
 * print, measured on a render: a colour merges into an ink only when closer than `mergeDeltaE`,
 * when it is too small to see, or when more inks than `maxInks` would be needed; every merge is
 * reported. Near-white is paper. Names: the designer's, else the nearest swatch-book ink within
 * ΔE00 5, else the hex.
 */
export async function planInks(
  art: SvgArt,
  optionPalette: readonly PaletteEntry[] | undefined,
  stored: Palette | null | undefined,
  press: Press,
  named: readonly NamedInk[],
  rules: InkRules,
): Promise<InkPlan> {
  const areas = await measureArtAreas(art);
  const storedName = (hex: string) => stored?.colors.find((colour) => colour.hex === hex)?.name;
  const given =
    optionPalette && optionPalette.length > 0
      ? optionPalette
      : stored?.locked && stored.colors.length > 0
        ? stored.colors
        : null;
  const paper: string[] = [];
  const merges: InkMerge[] = [];
  const assignments = new Map<string, string>();
  let kept: Candidate[];
  if (given) {
    kept = [];
    for (const entry of given) {
      const rgb = hexToRgb(entry.hex);
      const hex = toHex(rgb);
      if (isPaperWhite(rgb)) paper.push(hex);
      else if (!kept.some((ink) => ink.hex === hex)) kept.push({ hex, rgb, name: entry.name, coverage: 0 });
    }
    assignCoverage(kept, areas, merges, true);
    // An ink the art never uses would be an empty plate.
    kept = kept.filter((ink) => ink.coverage > 0 || kept.length === 1);
  } else {
    const measured = new Map(areas.byHex);
    if (rules.gradients === 'spot-tints') {
      // A gradient's stops share its area: each stop colour is a candidate ink of its own.
      const stops = new Set<string>();
      for (const item of art.items) for (const stop of item.fill?.gradient?.stops ?? []) stops.add(toHex(stop.rgb));
      for (const hex of stops)
        measured.set(hex, (measured.get(hex) ?? 0) + Math.max(VISIBLE_SHARE, areas.gradients / stops.size));
    }
    const candidates: Candidate[] = [...measured.entries()]
      .map(([hex, coverage]) => ({ hex, rgb: hexToRgb(hex), name: storedName(hex), coverage }))
      .sort((a, b) => b.coverage - a.coverage || a.hex.localeCompare(b.hex));
    const userInto = new Map(
      (rules.mergeInks ?? []).map((merge) => [toHex(hexToRgb(merge.from)), toHex(hexToRgb(merge.into))]),
    );
    const apart = new Set((rules.keepInks ?? []).map((hex) => toHex(hexToRgb(hex))));
    const pending: Candidate[] = [];
    kept = [];
    for (const candidate of candidates) {
      if (isPaperWhite(candidate.rgb)) {
        paper.push(candidate.hex);
        continue;
      }
      if (userInto.has(candidate.hex) && userInto.get(candidate.hex) !== candidate.hex) {
        pending.push(candidate);
        continue;
      }
      if (apart.has(candidate.hex)) {
        kept.push({ ...candidate });
        continue;
      }
      const nearest = nearestOf(candidate.rgb, kept);
      const distance = nearest ? deltaE76(rgbToLab(candidate.rgb), rgbToLab(nearest.rgb)) : Number.POSITIVE_INFINITY;
      // Art drawn in process gradients whose largest flat colour is too small to see (slivers
      // between gradient shapes): a plate for it would be empty film, so it prints in process too.
      if (!nearest && candidate.coverage < VISIBLE_SHARE && areas.gradients > 0 && rules.gradients !== 'spot-tints') {
        merges.push({
          hex: candidate.hex,
          into: PROCESS_INK,
          deltaE: 0,
          coverage: candidate.coverage,
          reason: 'invisible',
        });
        continue;
      }
      if (nearest && distance < rules.mergeDeltaE) mergeInto(candidate, nearest, distance, 'near', merges);
      else if (nearest && candidate.coverage < VISIBLE_SHARE)
        mergeInto(candidate, nearest, distance, 'invisible', merges);
      else kept.push({ ...candidate });
    }
    // More inks than allowed: the smallest merge into their nearest remaining ink, said out loud.
    while (kept.length > rules.maxInks) {
      kept.sort((a, b) => b.coverage - a.coverage);
      // The smallest ink the designer did not split off; when every ink was, the designer's count wins.
      const at = kept.findLastIndex((ink) => !apart.has(ink.hex));
      if (at < 0) break;
      const smallest = kept.splice(at, 1)[0] as Candidate;
      const nearest = nearestOf(smallest.rgb, kept) as Candidate;
      mergeInto(smallest, nearest, deltaE76(rgbToLab(smallest.rgb), rgbToLab(nearest.rgb)), 'ink-limit', merges);
    }
    // The designer's merges: onto the ink of the colour they named (or the ink nearest it).
    for (const candidate of pending) {
      const into = hexToRgb(userInto.get(candidate.hex) as string);
      const target = kept.find((ink) => ink.hex === toHex(into)) ?? nearestOf(into, kept);
      if (!target) {
        kept.push({ ...candidate });
        continue;
      }
      assignments.set(candidate.hex, target.hex);
      mergeInto(candidate, target, deltaE76(rgbToLab(candidate.rgb), rgbToLab(target.rgb)), 'user', merges);
    }
    // Every colour prints on its nearest final ink (or the one it was assigned to): areas and
    // merge targets are settled on those.
    for (const ink of kept) ink.coverage = 0;
    assignCoverage(kept, { ...areas, byHex: measured }, [], false, assignments);
    for (const merge of merges) {
      if (merge.reason === 'user' || merge.into === PROCESS_INK) continue;
      const ink = nearestOf(hexToRgb(merge.hex), kept) as Candidate;
      Object.assign(merge, { into: ink.hex, deltaE: deltaE76(rgbToLab(hexToRgb(merge.hex)), rgbToLab(ink.rgb)) });
    }
    kept.sort((a, b) => b.coverage - a.coverage || a.hex.localeCompare(b.hex));
  }
  const names = new Set<string>();
  const userNames = new Map(Object.entries(rules.inkNames ?? {}).map(([hex, name]) => [toHex(hexToRgb(hex)), name]));
  const inks = kept.map((candidate): SpotInk => {
    const match = named.length > 0 ? matchNamedInk(candidate.rgb, named) : undefined;
    const base = spotName({
      hex: candidate.hex,
      name:
        userNames.get(candidate.hex) ??
        candidate.name ??
        (match && match.deltaE00 <= NAME_MATCH_DELTA_E00 ? match.name : undefined),
    });
    const assigned = [...assignments].filter(([, into]) => into === candidate.hex).map(([from]) => from);
    let name = base;
    for (let i = 2; names.has(name); i++) name = `${base} ${i}`;
    names.add(name);
    return {
      name,
      hex: candidate.hex,
      rgb: candidate.rgb,
      cmyk: press.cmyk(candidate.rgb, Number.POSITIVE_INFINITY),
      coverage: round4(candidate.coverage),
      ...(match ? { match } : {}),
      ...(assigned.length > 0 ? { assigned } : {}),
    };
  });
  // Merges name the ink they went to, not its hex.
  const byHex = new Map(inks.map((ink) => [ink.hex, ink.name]));
  return {
    inks,
    merges: merges.map((merge) => ({
      ...merge,
      into: byHex.get(merge.into) ?? merge.into,
      deltaE: Math.round(merge.deltaE * 10) / 10,
      coverage: round4(merge.coverage),
    })),
    paper,
    gradientCoverage: round4(areas.gradients),
  };
}

/** Adds each measured colour's area to the ink it prints with (a given palette). */
function assignCoverage(
  inks: Candidate[],
  areas: ArtAreas,
  merges: InkMerge[],
  report: boolean,
  assignments: ReadonlyMap<string, string> = new Map(),
): void {
  for (const [hex, coverage] of areas.byHex) {
    const rgb = hexToRgb(hex);
    if (isPaperWhite(rgb)) continue;
    const into = assignments.get(hex);
    const ink = (into ? inks.find((candidate) => candidate.hex === into) : undefined) ?? nearestOf(rgb, inks);
    if (!ink) continue;
    ink.coverage += coverage;
    const distance = deltaE76(rgbToLab(rgb), rgbToLab(ink.rgb));
    // A palette the designer gave: every other art colour prints on its nearest ink, by their choice.
    if (report && ink.hex !== hex) merges.push({ hex, into: ink.hex, deltaE: distance, coverage, reason: 'user' });
  }
}

function mergeInto(from: Candidate, into: Candidate, distance: number, reason: InkMerge['reason'], merges: InkMerge[]) {
  into.coverage += from.coverage;
  merges.push({ hex: from.hex, into: into.hex, deltaE: distance, coverage: from.coverage, reason });
}

function nearestOf<T extends { readonly rgb: Rgb }>(rgb: Rgb, inks: readonly T[]): T | null {
  const lab = rgbToLab(rgb);
  let best: T | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const ink of inks) {
    const distance = deltaE76(lab, rgbToLab(ink.rgb));
    if (distance < bestDistance) {
      bestDistance = distance;
      best = ink;
    }
  }
  return best;
}

/** The ink a paint colour prints with: its own, or the ink it was merged into; null for paper. */
export function nearestInk(rgb: Rgb, inks: readonly SpotInk[]): SpotInk | null {
  if (isPaperWhite(rgb)) return null;
  const hex = toHex(rgb);
  return inks.find((ink) => ink.assigned?.includes(hex)) ?? nearestOf(rgb, inks);
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
