import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeIco } from '../../../src/main/core/pipeline/processors/favicon/ico.ts';
import { clampCrop, cropExtent } from '../../../src/renderer/src/screens/FaviconStudio/crop-icons.ts';
import { icoFrames } from '../../../src/renderer/src/screens/FaviconStudio/ico-frames.ts';

const square = (size: number, colour: string) =>
  sharp({ create: { width: size, height: size, channels: 4, background: colour } })
    .png()
    .toBuffer();

describe('icoFrames', () => {
  it('reads back the PNG frames the favicon recipe writes into favicon.ico, largest first', async () => {
    const frames = [
      { size: 48, png: await square(48, '#ff0000') },
      { size: 32, png: await square(32, '#00ff00') },
      { size: 16, png: await square(16, '#0000ff') },
    ];
    const ico = encodeIco(frames);
    const read = icoFrames(ico.buffer.slice(ico.byteOffset, ico.byteOffset + ico.byteLength) as ArrayBuffer);
    expect(read.map((f) => [f.size, f.png])).toEqual([
      [48, true],
      [32, true],
      [16, true],
    ]);
    const sixteen = await sharp(Buffer.from(read[2]?.bytes ?? []))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([sixteen.info.width, [...sixteen.data.subarray(0, 4)]]).toEqual([16, [0, 0, 255, 255]]);
  });

  it('reads nothing from a file that is not an icon', () => {
    expect(icoFrames(new TextEncoder().encode('<svg/>').buffer as ArrayBuffer)).toEqual([]);
  });
});

describe('symbol crop geometry', () => {
  it('keeps the square inside a wide image, sized on its shorter side', () => {
    // A 5:1 wordmark: the full-height square is a fifth of the width.
    expect(cropExtent({ x: 0, y: 0, size: 1 }, 5)).toEqual({ w: 0.2, h: 1 });
    expect(clampCrop({ x: 0.95, y: 0.3, size: 1 }, 5)).toEqual({ x: 0.8, y: 0, size: 1 });
    expect(clampCrop({ x: -1, y: 0, size: 0 }, 1)).toEqual({ x: 0, y: 0, size: 0.05 });
  });
});
