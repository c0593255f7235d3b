import { gunzipSync } from 'node:zlib';
import { MarqueError } from '../../../shared/errors.ts';

const MAX_SVG_BYTES = 10 * 1024 * 1024;
/** Real logos nest a few dozen levels at most; parsers and renderers recurse per level. */
export const MAX_SVG_DEPTH = 256;
export const MAX_SVG_ELEMENTS = 200_000;

/**
 * First line of defence for SVG (see docs/security.md): inflate SVGZ with a cap, then refuse
 * document-level constructs that librsvg or a browser could act on. The allowlist sanitizer
 * runs after this.
 */
export function readSvgText(bytes: Uint8Array, file: string): string {
  let raw = bytes;
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      raw = gunzipSync(raw, { maxOutputLength: MAX_SVG_BYTES });
    } catch {
      throw new MarqueError(
        'UNSAFE_CONTENT',
        `${file}: compressed SVG is broken or inflates past ${MAX_SVG_BYTES >> 20} MiB`,
      );
    }
  }
  if (raw.byteLength > MAX_SVG_BYTES)
    throw new MarqueError('FILE_TOO_LARGE', `${file}: SVG is larger than ${MAX_SVG_BYTES >> 20} MiB`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(raw);
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new MarqueError(
      'UNSAFE_CONTENT',
      `${file}: SVG declares a DOCTYPE or entities (refused: XXE / billion laughs)`,
    );
  if (/<\?xml-stylesheet/i.test(text))
    throw new MarqueError('UNSAFE_CONTENT', `${file}: SVG loads an external stylesheet`);
  if (/xi:include|XInclude/i.test(text)) throw new MarqueError('UNSAFE_CONTENT', `${file}: SVG uses XInclude`);
  checkStructure(text, file);
  return text;
}

/**
 * Depth and element-count pre-check, in one linear scan before any parser sees the text, so a
 * deeply nested or enormous document is refused without recursion.
 */
function checkStructure(text: string, file: string): void {
  let depth = 0;
  let elements = 0;
  let i = text.indexOf('<');
  while (i !== -1) {
    const next = text[i + 1];
    let end: number;
    if (text.startsWith('<!--', i)) end = text.indexOf('-->', i + 4) + 2;
    else if (text.startsWith('<![CDATA[', i)) end = text.indexOf(']]>', i + 9) + 2;
    else if (next === '?' || next === '!') end = text.indexOf('>', i);
    else {
      end = tagEnd(text, i + 1);
      if (next === '/') depth--;
      else if (text[end - 1] !== '/') depth++;
      if (next !== '/') elements++;
      if (depth > MAX_SVG_DEPTH)
        throw new MarqueError('UNSAFE_CONTENT', `${file}: SVG nests elements deeper than ${MAX_SVG_DEPTH} levels`);
      if (elements > MAX_SVG_ELEMENTS)
        throw new MarqueError('UNSAFE_CONTENT', `${file}: SVG has more than ${MAX_SVG_ELEMENTS} elements`);
    }
    if (end < i) return; // unterminated: the XML parser reports it
    i = text.indexOf('<', end + 1);
  }
}

/** Index of the `>` closing a tag that starts at `from`, skipping quoted attribute values. */
function tagEnd(text: string, from: number): number {
  let quote = '';
  for (let j = from; j < text.length; j++) {
    const ch = text[j];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return j;
  }
  return -1;
}
