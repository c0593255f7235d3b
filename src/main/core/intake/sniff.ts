import type { LogoFormat } from '../../../shared/domain.ts';

/**
 * Identifies a file by its first bytes; the extension is only a hint.
 * Returns null for anything Marque does not import.
 */
export function sniffFormat(head: Uint8Array): LogoFormat | null {
  const ascii = (start: number, text: string): boolean =>
    text.split('').every((ch, i) => head[start + i] === ch.charCodeAt(0));
  if (head[0] === 0x89 && ascii(1, 'PNG\r\n\x1a\n')) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'gif';
  if (ascii(0, 'II*\0') || ascii(0, 'MM\0*')) return 'tiff';
  if (ascii(4, 'ftyp') && (ascii(8, 'avif') || ascii(8, 'avis'))) return 'avif';
  if (ascii(0, '%PDF-')) return 'pdf';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'svg'; // gzip: only SVGZ is accepted; checked after inflating
  if (looksLikeSvg(head)) return 'svg';
  return null;
}

function looksLikeSvg(head: Uint8Array): boolean {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 4096));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.trimStart();
  if (!text.startsWith('<')) return false;
  return /<svg[\s>]/i.test(text);
}

/** Names what a file probably is when we refuse it, so the error helps the designer. */
export function describeUnsupported(head: Uint8Array): string {
  const ascii = new TextDecoder('latin1').decode(head.subarray(0, 16));
  // EPS as text, or with the binary preview header of DOS EPS (C5 D0 D3 C6) that Illustrator writes.
  const dosEps = head[0] === 0xc5 && head[1] === 0xd0 && head[2] === 0xd3 && head[3] === 0xc6;
  if (ascii.startsWith('%!PS') || dosEps) return 'EPS/PostScript is not supported; save it as PDF or SVG';
  if (ascii.startsWith('8BPS')) return 'Photoshop (PSD) files are not supported; export PNG or SVG';
  if (ascii.startsWith('PK')) return 'archives are not supported; unzip first';
  if (head.length === 0) return 'the file is empty';
  return 'not a supported image (PNG, JPEG, WebP, GIF, TIFF, AVIF, SVG or PDF)';
}

/**
 * The size a PNG or GIF header claims, read straight from its first bytes, so a pixel bomb is
 * refused even when the rest of the file is missing or broken. Null for other formats (sharp
 * reads their headers).
 */
export function claimedSize(head: Uint8Array, format: LogoFormat): { width: number; height: number } | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (format === 'png' && head.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (format === 'gif' && head.length >= 10) return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  return null;
}
