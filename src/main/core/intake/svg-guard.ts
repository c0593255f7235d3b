import { gunzipSync } from 'node:zlib';
import { MarqueError } from '../../../shared/errors.ts';

const MAX_SVG_BYTES = 10 * 1024 * 1024;

/**
 * First line of defence for SVG (see SECURITY.md): inflate SVGZ with a cap, then refuse
 * document-level constructs that librsvg or a browser could act on. The allowlist sanitizer
 * runs after this.
 */
export function readSvgText(bytes: Uint8Array, file: string): string {
  let raw = bytes;
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      raw = gunzipSync(raw, { maxOutputLength: MAX_SVG_BYTES });
    } catch {
      throw new MarqueError('UNSAFE_CONTENT', `${file}: compressed SVG is broken or inflates past ${MAX_SVG_BYTES >> 20} MiB`);
    }
  }
  if (raw.byteLength > MAX_SVG_BYTES) throw new MarqueError('FILE_TOO_LARGE', `${file}: SVG is larger than ${MAX_SVG_BYTES >> 20} MiB`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(raw);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new MarqueError('UNSAFE_CONTENT', `${file}: SVG declares a DOCTYPE or entities (refused: XXE / billion laughs)`);
  if (/<\?xml-stylesheet/i.test(text)) throw new MarqueError('UNSAFE_CONTENT', `${file}: SVG loads an external stylesheet`);
  if (/xi:include|XInclude/i.test(text)) throw new MarqueError('UNSAFE_CONTENT', `${file}: SVG uses XInclude`);
  return text;
}
