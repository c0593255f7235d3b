/**
 * How a logo's artwork is read: what its background is, and where a one-colour version turns
 * light colours into paper. Plain data shared by every process (the library stores it, every
 * recipe reads it, the details panel and the CLI set it).
 */

/** The designer's choice: let Marque decide, keep the background, remove it, or call it art. */
export const BACKGROUND_SETTINGS = ['auto', 'keep', 'remove', 'full-bleed'] as const;
export type BackgroundSetting = (typeof BACKGROUND_SETTINGS)[number];

/** Default lightness (CIE L*, 0-100) above which a colour counts as paper in a one-colour version. */
export const DEFAULT_ONE_COLOUR_THRESHOLD = 85;

export interface ArtworkSettings {
  readonly background: BackgroundSetting;
  /** L* above which colours become paper (holes) in one-colour versions; null = the default. */
  readonly threshold: number | null;
}

export const DEFAULT_ARTWORK_SETTINGS: ArtworkSettings = { background: 'auto', threshold: null };

/** What the background of a master was decided to be. */
export type BackgroundKind =
  /** The master has its own transparency. */
  | 'transparent'
  /** A flat colour around the art is paper: removed, with the paper enclosed by the art (letter counters). */
  | 'flat'
  /** No paper: the whole canvas is art (a flag, a square app icon) or the background is kept. */
  | 'none';

export interface BackgroundDecision {
  readonly kind: BackgroundKind;
  /** The paper colour ('#rrggbb') when kind is 'flat', else null. */
  readonly colour: string | null;
  /** 0-1: how sure the automatic decision is (1 when the designer chose). */
  readonly confidence: number;
  /** The setting the decision followed. */
  readonly setting: BackgroundSetting;
  /** One sentence a designer can read: why. */
  readonly reason: string;
}

/** Whether settings differ from the defaults (only then do they join cache keys). */
export function isDefaultArtwork(settings: ArtworkSettings | null | undefined): boolean {
  return !settings || (settings.background === 'auto' && settings.threshold === null);
}

/** A logo's artwork reading as the library holds it: the settings and the last decision made. */
export interface LogoArtwork {
  readonly settings: ArtworkSettings;
  /** The automatic decision for the current master and setting, or null until one is made. */
  readonly decision: BackgroundDecision | null;
}

/**
 * The decision an explicit keep / full-bleed setting makes without looking at a pixel; null for
 * the settings that need the artwork (auto, remove).
 */
export function settledDecision(setting: BackgroundSetting): BackgroundDecision | null {
  if (setting === 'keep')
    return { kind: 'none', colour: null, confidence: 1, setting, reason: 'Background kept, as chosen.' };
  if (setting === 'full-bleed')
    return { kind: 'none', colour: null, confidence: 1, setting, reason: 'The whole canvas is art, as chosen.' };
  return null;
}
