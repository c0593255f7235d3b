/**
 * Untrusted names (logo names, recipe file names, template text) reduced to ONE path component
 * that is valid and unsurprising on macOS, Windows and Linux at once. docs/security.md "Exports".
 */

/** Most file systems cap a component at 255 bytes (ext4) or 255 UTF-16 units (NTFS, APFS).
 * We stop well short so a temp name (`.<name>.<uuid>.tmp`) and a " (99)" suffix still fit. */
export const MAX_COMPONENT_BYTES = 180;

const FALLBACK = 'untitled';

/** `<>:"/\|?*` are forbidden on Windows (and `:`, `/` in the macOS Finder); `/`, NUL on Linux. */
const FORBIDDEN = /[<>:"/\\|?*]/g;
/** C0/C1 controls and DEL, plus format characters: bidi embeddings, overrides and isolates
 * (U+202A-202E, U+2066-2069, LRM/RLM/ALM), zero-width spaces and joiners, BOM, soft hyphen.
 * The one exception is a joiner between two emoji (👨‍👩‍👧), which is what draws them as one. */
export const INVISIBLE =
  /(?!(?<=\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic}))[\p{Cc}\p{Cf}]/gu;
/** Any other kind of space (NBSP, ideographic, line/paragraph separators) becomes a plain space. */
const ODD_SPACE = /[\s\p{Z}]+/gu;
/** A lone surrogate (half of a UTF-16 pair, e.g. from a truncated name) is no character: dropped,
 * not turned into U+FFFD, so it cannot leave a visible "�" in a file name. Pairs are untouched. */
const LONE_SURROGATE = /\p{Cs}/gu;
/** Windows device names, reserved with any extension (`nul.txt`, `COM1.tar.gz`); the superscript
 * digits are reserved too (COM¹); CONIN$/CONOUT$ open the console. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
/** `ACMECO~1.PNG` could alias another file's 8.3 short name on Windows. */
const SHORT_NAME_ALIAS = /~(?=\d)/g;

const utf8 = new TextEncoder();
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function utf8Length(text: string): number {
  return utf8.encode(text).length;
}

/** True for the Windows device names, with or without extension and trailing dots/spaces. */
export function isWindowsReserved(name: string): boolean {
  const stem = name.split('.')[0]?.replace(/[ .]+$/, '') ?? '';
  return RESERVED.test(stem);
}

/** Splits `name.ext` where ext is a short, plain extension (so `Acme Inc. v2` keeps its dot). */
export function splitExtension(name: string): { stem: string; ext: string } {
  const match = /^(.+?)(\.[A-Za-z0-9]{1,10})$/.exec(name);
  return match ? { stem: match[1] as string, ext: match[2] as string } : { stem: name, ext: '' };
}

/** Cuts at a grapheme boundary so no surrogate pair, combining mark or emoji is split. */
function truncateToBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = utf8Length(segment);
    if (used + size > maxBytes) break;
    out += segment;
    used += size;
  }
  return out;
}

/** Shortens a component to `maxBytes`, keeping its extension. */
export function fitComponent(name: string, maxBytes = MAX_COMPONENT_BYTES): string {
  if (utf8Length(name) <= maxBytes) return name;
  const { stem, ext } = splitExtension(name);
  const room = maxBytes - utf8Length(ext);
  return `${truncateToBytes(stem, Math.max(1, room)).replace(/[ .]+$/, '')}${ext}`;
}

/**
 * Reduces any string to one safe path component. Never returns '.', '..', a reserved device
 * name, or anything with a separator, control, bidi or trailing dot/space; returns `fallback`
 * (itself trusted) when nothing is left.
 */
export function safeComponent(raw: string, fallback = FALLBACK): string {
  let name = raw.replace(LONE_SURROGATE, '').normalize('NFC');
  name = name.replace(INVISIBLE, '');
  name = name.replace(ODD_SPACE, ' ');
  name = name.replace(FORBIDDEN, '_');
  name = name.replace(SHORT_NAME_ALIAS, '-');
  // Leading dots hide files on Unix and make '.'/'..'; trailing dots/spaces vanish on Windows.
  name = name.replace(/^[ .]+/, '').replace(/[ .]+$/, '');
  name = fitComponent(name);
  if (name === '') return fallback;
  if (isWindowsReserved(name)) name = `_${name}`;
  return name;
}

/**
 * The key under which two names are the same file somewhere: case-insensitive (NTFS, APFS and
 * HFS+ default) and normalization-insensitive (APFS, HFS+). NFKC plus a double case mapping is
 * a little stricter than any file system, which only costs a " (2)" suffix, never an overwrite.
 */
export function foldKey(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/** `name (2).ext`, keeping the extension and the byte limit. */
export function numbered(name: string, n: number): string {
  const { stem, ext } = splitExtension(name);
  const suffix = ` (${n})`;
  const room = MAX_COMPONENT_BYTES - utf8Length(suffix) - utf8Length(ext);
  return `${truncateToBytes(stem, room)}${suffix}${ext}`;
}

/** Splits a '/'-separated relative path from a recipe and makes each part safe; drops empty parts. */
export function safeRelativePath(raw: string): string[] {
  return raw
    .split(/[/\\]+/)
    .filter((part) => part !== '' && part !== '.' && part !== '..')
    .map((part) => safeComponent(part));
}
