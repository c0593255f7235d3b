import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { splitSvg } from '../../../src/main/core/pipeline/processors/artwork/svg-frame.ts';
import { checkFaviconFolder } from '../../../src/main/core/pipeline/processors/favicon/check-pack.ts';
import { buildFaviconPack } from '../../../src/main/core/pipeline/processors/favicon/favicon-processor.ts';
import { decodeIco, encodeIco } from '../../../src/main/core/pipeline/processors/favicon/ico.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { pixels, svgInput, TWO_COLOUR_SVG } from './deliverables-fixtures.ts';

describe('favicon artwork helpers', () => {
  it('round-trips ICO frames byte for byte, 256 written as 0', async () => {
    const frames = await Promise.all(
      [256, 48, 16].map(async (size) => ({
        size,
        png: new Uint8Array(
          await sharp({ create: { width: size, height: size, channels: 4, background: '#0a0' } })
            .png()
            .toBuffer(),
        ),
      })),
    );
    const ico = encodeIco(frames);
    expect(ico[6]).toBe(0); // width byte of the 256 frame
    const entries = decodeIco(ico);
    expect(entries.map((e) => e.width)).toEqual([256, 48, 16]);
    for (const [i, entry] of entries.entries()) {
      expect(Buffer.from(entry.data).equals(Buffer.from(frames[i]?.png as Uint8Array))).toBe(true);
    }
    expect(() => decodeIco(ico.subarray(0, 30))).toThrow(/outside the file|truncated/);
  });

  it('reads sizes without a viewBox in CSS px, physical units converted', () => {
    const box = (w: string, h: string) =>
      splitSvg(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"/>`, { width: 7, height: 9 }).viewBox;
    expect(box('50mm', '1in')).toMatchObject({ width: expect.closeTo(188.98, 2), height: 96 });
    expect(box('100%', '100%')).toMatchObject({ width: 7, height: 9 });
  });

  it('keeps an icon drawn on a 16 px grid sharp: the 16 px frame has only opaque and clear pixels', async () => {
    const grid =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M1 1h14v14H1z" fill="#0b5"/><path d="M5 5h6v6H5z" fill="#fff"/></svg>';
    const pack = await buildFaviconPack(svgInput(grid, 16, 16), { profile: 'custom' });
    const ico = pack.files.find((f) => f.path === 'favicon.ico')?.bytes as Uint8Array;
    const frame16 = decodeIco(ico).find((e) => e.width === 16);
    const image = await pixels(frame16?.data as Uint8Array);
    const alphas = new Set<number>();
    for (let i = 3; i < image.data.length; i += 4) alphas.add(image.data[i] as number);
    expect([...alphas].sort((a, b) => a - b)).toEqual([0, 255]);
    expect(image.data[3]).toBe(0); // the 1 px margin of the design is kept
  });

  it('crops a logo with a wide empty artboard to its mark', async () => {
    const padded =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400"><circle cx="200" cy="200" r="40" fill="#e63946"/></svg>';
    const pack = await buildFaviconPack(svgInput(padded, 400, 400));
    const image = await pixels(pack.files.find((f) => f.path === 'favicon-96x96.png')?.bytes as Uint8Array);
    // The disc spans the whole icon (a 400 px artboard would leave it 19 px wide): inked from column 1.
    const row = 48 * 96 * 4;
    expect(image.data[row + 4 + 3]).toBeGreaterThan(100);
    expect(image.data[row + 20 * 4 + 3]).toBe(255);
  });

  it('checks a pack written to a folder, and notices a file deleted from it', async () => {
    const dir = await tempDir();
    try {
      const pack = await buildFaviconPack(svgInput(TWO_COLOUR_SVG, 200, 100));
      for (const file of pack.files) await writeFile(join(dir.path, file.path), file.bytes);
      expect((await checkFaviconFolder(dir.path)).ok).toBe(true);
      await rm(join(dir.path, 'web-app-manifest-maskable-192x192.png'));
      const report = await checkFaviconFolder(dir.path);
      expect(report.ok).toBe(false);
      expect(report.checks.filter((c) => !c.ok).map((c) => c.message)).toEqual([
        '/web-app-manifest-maskable-192x192.png: listed but not in the pack',
      ]);
    } finally {
      await dir.cleanup();
    }
  });
});
