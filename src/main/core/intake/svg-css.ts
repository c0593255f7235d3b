/**
 * CSS rules of the SVG sanitizer. CSS reaches the renderer through `<style>`, `style="…"` and
 * presentation attributes; any of them may name a resource. We keep CSS only when every
 * resource it names is a fragment of the same document (`url(#id)`).
 */

/** A same-document reference: `#id`. */
export const FRAGMENT = /^#[A-Za-z_][\w.:-]*$/;

const URL_CALL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"]*))\s*\)/gi;

/** Functions that load resources without `url(`. */
const LOADING_FUNCTIONS = /(?:image-set|image|cross-fade|element|src|expression|paint)\s*\(/i;

/**
 * Whether a piece of CSS (a stylesheet, a style attribute or a presentation value) is safe.
 * Refused: backslash escapes (they can spell `url` in a way a scan does not see), at-rules
 * (`@import`, `@font-face`, …), resource-loading functions, and any `url()` that is not `url(#id)`.
 */
export function isSafeCss(css: string): boolean {
  if (css.includes('\\')) return false;
  if (css.includes('@')) return false;
  if (LOADING_FUNCTIONS.test(css)) return false;
  if (/-moz-binding|behavior\s*:/i.test(css)) return false;
  // Anything that looks like an address is refused even outside url(): values are never URLs.
  if (/[a-z][a-z0-9+.-]*:\/\/|javascript:|vbscript:|\bdata:/i.test(css)) return false;
  let calls = 0;
  for (const match of css.matchAll(URL_CALL)) {
    calls++;
    const target = (match[1] ?? match[2] ?? match[3] ?? '').trim();
    if (!FRAGMENT.test(target)) return false;
  }
  // Every `url(` must have been a well-formed, checked call; a malformed one is refused.
  const opened = css.match(/url\s*\(/gi)?.length ?? 0;
  return opened === calls;
}
