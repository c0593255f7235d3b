/**
 * Hostile input for the intake tests: real, well-formed files built byte by byte (valid CRCs,
 * real zlib streams), so the decoder gets as far as a real attacker's file would.
 */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A valid 1-bit greyscale PNG of width x height, all black: a 16000x16000 one is ~40 KB on disk
 * and 1 GiB as RGBA once decoded (the "small PNG that inflates big" bomb).
 */
export function bombPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
  const rowBytes = 1 + Math.ceil(width / 8);
  const raw = Buffer.alloc(rowBytes * height); // filter 0 + zero bits on every row
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Only the header of a PNG claiming a size (no pixel data): refused from the header alone. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr)]);
}

/** As a `data:` URI, for embedding in an SVG. */
export function dataUri(png: Buffer): string {
  return `data:image/png;base64,${png.toString('base64')}`;
}

/**
 * An SVG that keeps librsvg busy for far longer than any watchdog limit, even when rendered at a
 * clamped 1024 px: feMorphology costs width x height x radius^2, and three of them are stacked
 * (one alone at radius 400 measured ~11 s here). Every element passes the sanitizer's allowlist.
 */
export function filterBombSvg(): string {
  const filters = [0, 1, 2]
    .map((i) => `<filter id="f${i}"><feMorphology operator="dilate" radius="${500 + i}"/></filter>`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024" viewBox="0 0 1024 1024"><defs>${filters}</defs>` +
    `<g filter="url(#f0)"><g filter="url(#f1)"><rect width="1024" height="1024" fill="#e63946" filter="url(#f2)"/></g></g></svg>`
  );
}

/** The classic billion-laughs document (refused before any parser sees an entity). */
export function billionLaughsSvg(): string {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i < 10; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?><!DOCTYPE svg [${entities.join('')}]><svg xmlns="http://www.w3.org/2000/svg"><text>&lol9;</text></svg>`;
}

/** A real JPEG whose frame header (SOF) is rewritten to claim width x height: a header-level bomb. */
export function jpegClaiming(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  for (let i = 2; i < out.length - 9; ) {
    if (out[i] !== 0xff) throw new Error('jpegClaiming: not a baseline JPEG');
    const marker = out[i + 1] as number;
    const length = out.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
    i += 2 + length;
  }
  throw new Error('jpegClaiming: no frame header');
}
