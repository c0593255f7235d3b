/** XML's five predefined entities; the only named references a sanitized SVG may keep. */
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Decodes XML character references in text (our parsers never expand entities themselves:
 * untrusted input). Numeric references outside Unicode decode to nothing. `other` decides about an
 * undeclared named entity or a bare '&' (`whole` is what was written): the intake refuses them, the
 * print parser, which only reads sanitized masters, leaves them as written.
 */
export function decodeXmlReferences(text: string, other: (whole: string) => string = (whole) => whole): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);|&/gi, (whole, ref: string | undefined) => {
    if (!ref) return other(whole);
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code >= 1 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return PREDEFINED[ref.toLowerCase()] ?? other(whole);
  });
}
