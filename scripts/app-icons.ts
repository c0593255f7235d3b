/**
 * Derives the installer icons from resources/icon.svg (the one source): icon.png at 1024 px
 * (electron-builder makes the macOS .icns and the Linux set from it) and icon.ico for Windows
 * (256 … 16 px frames, PNG-compressed, written by Marque's own ICO encoder). Run after editing the
 * SVG: `npm run icons`; a unit test checks the files exist and match their sizes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { encodeIco } from '../src/main/core/pipeline/processors/favicon/ico.ts';

const RESOURCES = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');
/** Largest first, as Windows and browsers read ICO frames best. */
export const ICO_SIZES = [256, 128, 64, 48, 32, 24, 16] as const;

async function render(svg: Buffer, size: number): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp(svg, { density: (72 * size) / 1024 })
      .resize(size, size)
      .png({ compressionLevel: 9 })
      .toBuffer(),
  );
}

const svg = readFileSync(join(RESOURCES, 'icon.svg'));
writeFileSync(join(RESOURCES, 'icon.png'), await render(svg, 1024));
const frames = await Promise.all(ICO_SIZES.map(async (size) => ({ size, png: await render(svg, size) })));
writeFileSync(join(RESOURCES, 'icon.ico'), encodeIco(frames));
console.log(`resources/icon.png (1024 px) and resources/icon.ico (${ICO_SIZES.join(', ')} px)`);
