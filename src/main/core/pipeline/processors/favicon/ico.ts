import { MarqueError } from '../../../../../shared/errors.ts';

/**
 * ICO files with PNG-compressed entries (read by every browser and by Windows since Vista).
 * Layout: ICONDIR (6 bytes) + one ICONDIRENTRY (16 bytes) per frame + the PNG streams, in the
 * order given. Favicons write 48, 32, 16: Chrome shows an ascending-order ICO corrupted (per
 * RealFaviconGenerator's notes), so callers pass frames largest first.
 */
export interface IcoFrame {
  readonly size: number;
  readonly png: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function encodeIco(frames: readonly IcoFrame[]): Uint8Array {
  if (frames.length === 0 || frames.length > 255)
    throw new MarqueError('INVALID_INPUT', `favicon.ico: ${frames.length} frames (1-255 allowed)`);
  const header = 6 + 16 * frames.length;
  const total = header + frames.reduce((sum, frame) => sum + frame.png.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0, true); // reserved
  view.setUint16(2, 1, true); // type 1 = icon
  view.setUint16(4, frames.length, true);
  let offset = header;
  frames.forEach((frame, index) => {
    if (!Number.isInteger(frame.size) || frame.size < 1 || frame.size > 256) {
      throw new MarqueError('INVALID_INPUT', `favicon.ico: frame size ${frame.size} (1-256 allowed)`);
    }
    const entry = 6 + 16 * index;
    out[entry] = frame.size === 256 ? 0 : frame.size; // 0 means 256
    out[entry + 1] = frame.size === 256 ? 0 : frame.size;
    out[entry + 2] = 0; // no palette
    out[entry + 3] = 0; // reserved
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, frame.png.length, true);
    view.setUint32(entry + 12, offset, true);
    out.set(frame.png, offset);
    offset += frame.png.length;
  });
  return out;
}

export interface IcoEntry {
  /** Size declared in the directory (0 read as 256). */
  readonly width: number;
  readonly height: number;
  readonly bitCount: number;
  /** PNG or BMP (DIB) payload. */
  readonly kind: 'png' | 'bmp';
  readonly data: Uint8Array;
}

/** Parses an ICO directory; throws DECODE_FAILED when the structure is broken. */
export function decodeIco(bytes: Uint8Array, file = 'favicon.ico'): IcoEntry[] {
  const fail = (why: string): never => {
    throw new MarqueError('DECODE_FAILED', `${file}: ${why}`);
  };
  if (bytes.length < 6) fail('too short for an ICO header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) fail('not an ICO file (bad header)');
  const count = view.getUint16(4, true);
  if (count === 0) fail('no frames');
  if (bytes.length < 6 + 16 * count) fail('directory truncated');
  const entries: IcoEntry[] = [];
  for (let index = 0; index < count; index++) {
    const entry = 6 + 16 * index;
    const length = view.getUint32(entry + 8, true);
    const offset = view.getUint32(entry + 12, true);
    if (offset + length > bytes.length || offset < 6 + 16 * count) fail(`frame ${index + 1} lies outside the file`);
    const data = bytes.subarray(offset, offset + length);
    const isPng = PNG_SIGNATURE.every((byte, i) => data[i] === byte);
    entries.push({
      width: (bytes[entry] as number) || 256,
      height: (bytes[entry + 1] as number) || 256,
      bitCount: view.getUint16(entry + 6, true),
      kind: isPng ? 'png' : 'bmp',
      data,
    });
  }
  return entries;
}
