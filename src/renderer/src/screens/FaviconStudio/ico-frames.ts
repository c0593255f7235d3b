/** One image inside a favicon.ico: its declared size and its bytes (PNG in Marque's packs). */
export interface IcoFrame {
  readonly size: number;
  readonly png: boolean;
  readonly bytes: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

/**
 * The frames of an ICO file, read from its directory. The studio shows the real 16 and 32 px
 * frames a browser tab uses; an <img> of the whole .ico would draw its largest frame scaled down.
 */
export function icoFrames(buffer: ArrayBuffer): IcoFrame[] {
  const view = new DataView(buffer);
  if (buffer.byteLength < 6 || view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) return [];
  const count = view.getUint16(4, true);
  const frames: IcoFrame[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 6 + i * 16;
    if (entry + 16 > buffer.byteLength) break;
    const size = view.getUint8(entry) || 256;
    const length = view.getUint32(entry + 8, true);
    const offset = view.getUint32(entry + 12, true);
    if (offset + length > buffer.byteLength) continue;
    const bytes = new Uint8Array(buffer, offset, length);
    frames.push({ size, png: PNG_SIGNATURE.every((byte, k) => bytes[k] === byte), bytes });
  }
  return frames;
}
