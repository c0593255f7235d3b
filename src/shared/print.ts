import { z } from 'zod';

/**
 * Print colour settings as jobs receive them: which press profile, how colours are mapped into it,
 * the total ink limit and the rich-black rule. Kept in Settings; joins the cache key of every
 * recipe that writes CMYK, so changing the press gives new outputs.
 */
export const RENDERING_INTENTS = ['relative', 'perceptual'] as const;
export const RICH_BLACK_RULES = ['auto', 'rich', 'pure-k'] as const;

export const printSetup = z
  .object({
    profile: z
      .object({
        /** 'builtin' or the sha256 of an .icc file the user added. */
        id: z.string().regex(/^(builtin|[0-9a-f]{64})$/),
        /** The profile's own description (e.g. "Coated FOGRA39 (ISO 12647-2:2004)"). */
        name: z.string().max(200),
        /** Where the worker reads it; null for the built-in profile. */
        path: z.string().max(4096).nullable(),
      })
      .strict(),
    intent: z.enum(RENDERING_INTENTS),
    blackPointCompensation: z.boolean(),
    /** Total area coverage limit in percent (sum of C, M, Y and K). */
    coverageLimit: z.number().min(150).max(400),
    /** auto: pure K for detail narrower than richBlackMinMm, rich black for larger areas. */
    richBlack: z.enum(RICH_BLACK_RULES),
    richBlackMinMm: z.number().min(0).max(1000),
    /** Swatch books (.ase) whose named inks spot colours are matched to, by ΔE00. */
    swatchBooks: z
      .array(
        z
          .object({
            id: z.string().regex(/^[0-9a-f]{64}$/),
            name: z.string().max(200),
            /** The parsed book as JSON (NamedInk[]) in the data folder. */
            path: z.string().max(4096),
          })
          .strict(),
      )
      .max(20),
  })
  .strict();

export type PrintSetup = z.output<typeof printSetup>;

export const BUILTIN_PROFILE_NAME = 'Chemical proof CMYK (built in)';

export const DEFAULT_PRINT_SETUP: PrintSetup = {
  profile: { id: 'builtin', name: BUILTIN_PROFILE_NAME, path: null },
  intent: 'relative',
  blackPointCompensation: true,
  coverageLimit: 300,
  richBlack: 'auto',
  richBlackMinMm: 10,
  swatchBooks: [],
};

/** One ink of a swatch book: its name and its colour as sRGB hex. */
export interface NamedInk {
  readonly name: string;
  readonly hex: string;
  /** The book it came from. */
  readonly book: string;
}

/** A press profile the user added (or the built-in one), as Settings lists it. */
export interface PressProfileInfo {
  readonly id: string;
  readonly name: string;
  readonly fileName: string | null;
  /** Total area coverage limit kept for this profile, in percent. */
  readonly coverageLimit: number;
}

export interface SwatchBookInfo {
  readonly id: string;
  readonly name: string;
  readonly inks: number;
}

/** The inks a spot PDF or separation of one logo will get (print.previewInks). */
/** The `into` of a merge whose colour prints in process CMYK (with the gradients), not on a spot ink. */
export const PROCESS_INK = 'process CMYK';

export interface InkPreview {
  readonly inks: readonly {
    readonly name: string;
    readonly hex: string;
    readonly cmyk: readonly number[];
    /** Visible share of the artboard, 0-1. */
    readonly coverage: number;
    readonly match?: { readonly name: string; readonly book: string; readonly hex: string; readonly deltaE00: number };
  }[];
  /** Colours printed with another colour's ink, how far they move (ΔE76) and why. */
  readonly merges: readonly {
    readonly hex: string;
    readonly into: string;
    readonly deltaE: number;
    readonly coverage: number;
    readonly reason: 'near' | 'invisible' | 'ink-limit' | 'user';
  }[];
  readonly paper: readonly string[];
  readonly gradientCoverage: number;
  readonly profile: string;
}

/** Print colour settings as the Settings screen shows them. */
export interface PrintStatus {
  readonly setup: PrintSetup;
  readonly profiles: readonly PressProfileInfo[];
  readonly swatchBooks: readonly SwatchBookInfo[];
}

const inkHex = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/)
  .transform((value) => value.toLowerCase());

/**
 * A logo's own ink edits, remembered in the library (print.logoInks): names by colour, colours
 * printed with another colour's ink, colours kept apart. They are the defaults of that logo's pdf,
 * separations and ink-plan jobs; options a recipe spells out win colour by colour.
 */
export const logoInkEdits = z
  .object({
    inkNames: z.record(inkHex, z.string().trim().min(1).max(60)).default({}),
    mergeInks: z
      .array(z.object({ from: inkHex, into: inkHex }).strict())
      .max(64)
      .default([]),
    keepInks: z.array(inkHex).max(64).default([]),
  })
  .strict();
export type LogoInkEdits = z.output<typeof logoInkEdits>;

export const NO_INK_EDITS: LogoInkEdits = { inkNames: {}, mergeInks: [], keepInks: [] };

/** True when a logo has no ink edits (it prints with the automatic inks). */
export function hasNoInkEdits(edits: LogoInkEdits): boolean {
  return Object.keys(edits.inkNames).length === 0 && edits.mergeInks.length === 0 && edits.keepInks.length === 0;
}

/**
 * The recipe options with a logo's ink edits as defaults: a colour the options name, merge or keep
 * is the options' choice; the logo's edits fill in every other colour. Options without ink keys and
 * a logo without edits come back unchanged (same cache key as before).
 */
export function withLogoInks(
  options: Readonly<Record<string, unknown>>,
  edits: LogoInkEdits,
): Readonly<Record<string, unknown>> {
  if (hasNoInkEdits(edits)) return options;
  const lower = (hex: string) => hex.toLowerCase();
  const givenNames = (options.inkNames ?? {}) as Record<string, string>;
  const givenMerges = (options.mergeInks ?? []) as { from: string; into: string }[];
  const givenKeeps = (options.keepInks ?? []) as string[];
  const decided = new Set([...givenMerges.map((merge) => lower(merge.from)), ...givenKeeps.map(lower)]);
  const named = new Set(Object.keys(givenNames).map(lower));
  const inkNames = {
    ...Object.fromEntries(Object.entries(edits.inkNames).filter(([hex]) => !named.has(hex))),
    ...givenNames,
  };
  const mergeInks = [...edits.mergeInks.filter((merge) => !decided.has(merge.from)), ...givenMerges];
  const keepInks = [...edits.keepInks.filter((hex) => !decided.has(hex)), ...givenKeeps];
  return {
    ...options,
    ...(Object.keys(inkNames).length > 0 ? { inkNames } : {}),
    ...(mergeInks.length > 0 ? { mergeInks } : {}),
    ...(keepInks.length > 0 ? { keepInks } : {}),
  };
}
