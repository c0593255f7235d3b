/**
 * Favicon facts both sides need: the default home-screen label and the checker's verdicts.
 * Pure (no Node, no DOM): the core writes the manifest with it, the studio shows the same default.
 */

/** What iOS shows under a home-screen icon without truncating it (about 12 characters). */
export const SHORT_NAME_CHARS = 12;

/** Characters that separate words in a logo's name: spaces, hyphens, underscores, dots. */
const WORD = /[^\s\-_.]+[\s\-_.]*/g;
const TRAILING_SEPARATORS = /[\s\-_.]+$/;

/**
 * A home-screen label from a name: the leading words that fit in 12 characters, never cut
 * mid-word and never ending in a separator (`studio-nord-logo-final` gives `studio-nord`). A
 * first word longer than that is kept whole, so the system shows its own ellipsis rather than a
 * fragment (capped at the manifest's 30-character limit).
 */
export function defaultShortName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length <= SHORT_NAME_CHARS) return trimmed;
  const words = trimmed.match(WORD) ?? [trimmed];
  let out = '';
  for (const word of words) {
    const next = `${out}${word}`.replace(TRAILING_SEPARATORS, '');
    if (next.length > SHORT_NAME_CHARS) break;
    out += word;
  }
  const label = out.replace(TRAILING_SEPARATORS, '');
  return label || (words[0] ?? trimmed).replace(TRAILING_SEPARATORS, '').slice(0, 30);
}

/** The dark-theme rule favicon.svg carries when the mark would vanish on a dark tab strip. */
const DARK_RULE = /@media \(prefers-color-scheme: dark\)\{([^}]*\})\}/;

/**
 * favicon.svg as a browser draws it in one colour scheme: the dark rule applied or dropped. An
 * <img> follows the page's own scheme, and checks and previews need both whatever the page's is.
 */
export function svgForScheme(svg: string, scheme: 'light' | 'dark'): string {
  return svg.replace(DARK_RULE, scheme === 'dark' ? '$1' : '');
}

/** One verdict of the favicon pack checker. */
export interface PackCheck {
  readonly file: string;
  readonly ok: boolean;
  readonly message: string;
}

/** What the favicon pack checker found: ok when every check passed. */
export interface PackReport {
  readonly ok: boolean;
  readonly checks: readonly PackCheck[];
}
