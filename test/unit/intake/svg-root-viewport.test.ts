import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewBoxForDeclaredAspect } from '../../../src/main/core/intake/svg-root-viewport.ts';
import { sanitizeSvg } from '../../../src/main/core/intake/svg-sanitize.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** Columns and rows of the pixels with alpha >= 128. */
async function inkBox(png: Buffer | Uint8Array, density?: number): Promise<[number, number, number, number]> {
  const { data, info } = await sharp(png, density ? { density } : {})
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let x0 = info.width;
  let x1 = -1;
  let y0 = info.height;
  let y1 = -1;
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++)
      if ((data[(y * info.width + x) * 4 + 3] ?? 0) >= 128) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  return [x0, x1, y0, y1];
}

describe('viewBoxForDeclaredAspect', () => {
  it('widens a meet box along the side the page has to spare, by its alignment', () => {
    expect(viewBoxForDeclaredAspect({ width: '200', height: '100', viewBox: '0 0 100 100' })).toBe('-50 0 200 100');
    expect(
      viewBoxForDeclaredAspect({
        width: '200',
        height: '100',
        viewBox: '0 0 100 100',
        preserveAspectRatio: 'xMinYMid',
      }),
    ).toBe('0 0 200 100');
    expect(
      viewBoxForDeclaredAspect({
        width: '1in',
        height: '2in',
        viewBox: '10 10 100 100',
        preserveAspectRatio: 'xMidYMax meet',
      }),
    ).toBe('10 -90 100 200');
  });

  it('crops a slice box on the side that spills', () => {
    expect(
      viewBoxForDeclaredAspect({
        width: '200px',
        height: '100px',
        viewBox: '0 0 100 100',
        preserveAspectRatio: 'xMidYMid slice',
      }),
    ).toBe('0 25 100 50');
  });

  it('leaves alone what needs no change or cannot be known', () => {
    expect(viewBoxForDeclaredAspect({ width: '200', height: '100', viewBox: '0 0 20 10' })).toBeNull();
    expect(viewBoxForDeclaredAspect({ width: '100%', height: '100', viewBox: '0 0 1 1' })).toBeNull();
    expect(viewBoxForDeclaredAspect({ width: '2em', height: '1em', viewBox: '0 0 1 1' })).toBeNull();
    expect(viewBoxForDeclaredAspect({ viewBox: '0 0 1 2' })).toBeNull();
    expect(
      viewBoxForDeclaredAspect({ width: '200', height: '100', viewBox: '0 0 1 1', preserveAspectRatio: 'none' }),
    ).toBeNull();
    expect(viewBoxForDeclaredAspect({ width: '200', height: '100', viewBox: '0 0 0 1' })).toBeNull();
  });
});

describe('a letterboxed root after sanitizing', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir('marque-root-viewport-');
  });
  afterAll(async () => {
    await dir?.cleanup();
  });

  // The Iconify "teamwork" case: 240 x 32 around a 512 x 69 box. At 1024 px wide the art is
  // 1024 * (32/69 * 512) / 240 = 1013.1 px wide, centred: what rsvg-convert and a browser draw.
  const letterboxed =
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="32" viewBox="0 0 512 69"><rect width="512" height="69"/></svg>';

  it('renders through sharp where rsvg-convert draws it, which the raw document does not', async () => {
    const file = join(dir.path, 'in.svg');
    writeFileSync(file, letterboxed);
    execFileSync('rsvg-convert', ['-w', '1024', '-h', '137', '-o', join(dir.path, 'ref.png'), file]);
    const reference = await inkBox(readFileSync(join(dir.path, 'ref.png')));
    expect(reference.slice(0, 2)).toEqual([5, 1018]);

    const density = (72 * 1024) / 240;
    const clean = (await sanitizeSvg(letterboxed, 'in.svg', { maxEmbeddedPixels: 1e6 })).svg;
    expect(clean).toContain('viewBox="-2.75 0 517.5 69"');
    expect(await inkBox(Buffer.from(clean), density)).toEqual(reference);
    // Why the rewrite exists: sharp lays the raw letterbox out in the rounded 137 px height.
    expect(await inkBox(Buffer.from(letterboxed), density)).not.toEqual(reference);
  });
});
