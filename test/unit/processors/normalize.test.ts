import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/main/core/pipeline/processors/normalize.ts';
import { decodeToRgba } from '../../../src/main/core/pipeline/processors/raster/decode.ts';
import { contentBox } from '../../../src/main/core/pipeline/processors/raster/trim.ts';
import { MarqueError } from '../../../src/shared/errors.ts';
import { context, decode, encode, inputFrom, pixel, rasterise, svgInput } from './helpers.ts';

const SQUARE_IN_MARGINS =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">' +
  '<rect x="50" y="20" width="60" height="40" fill="#ff8800"/></svg>';

describe('normalize', () => {
  it('renders an SVG master to RGBA at the asked longest side, clamped', async () => {
    const input = await svgInput(SQUARE_IN_MARGINS);
    const result = await normalize.run(input, normalize.options.parse({ size: 800 }), context());
    const png = await decode(result.files[0]?.bytes as Uint8Array);
    expect([png.width, png.height]).toEqual([800, 400]);
    expect(pixel(png, 320, 160)).toEqual([255, 136, 0, 255]);
    expect(pixel(png, 10, 10)[3]).toBe(0);
    const huge = await decodeToRgba(input.master, 'svg', { size: 100_000 });
    expect(huge.width).toBe(4096);
  });

  it('trims transparent margins, with padding', async () => {
    const input = await svgInput(SQUARE_IN_MARGINS);
    const result = await normalize.run(
      input,
      normalize.options.parse({ size: 200, trim: true, padding: 2 }),
      context(),
    );
    const png = await decode(result.files[0]?.bytes as Uint8Array);
    expect([png.width, png.height]).toEqual([64, 44]);
    expect(result.facts?.trimmed).toEqual({ left: 50, top: 20, width: 60, height: 40 });
    expect(pixel(png, 0, 0)[3]).toBe(0);
    expect(pixel(png, 2, 2)).toEqual([255, 136, 0, 255]);
  });

  it('trims a flat background colour on opaque rasters (JPEG noise included)', async () => {
    const image = await rasterise(
      SQUARE_IN_MARGINS.replace('<rect', '<rect width="200" height="100" fill="#fff"/><rect'),
    );
    const box = contentBox(await decodeToRgba(await encode(image, 'jpeg', 75), 'jpeg'));
    expect(box).not.toBeNull();
    expect(Math.abs((box?.left ?? 0) - 50)).toBeLessThanOrEqual(2);
    expect(Math.abs((box?.width ?? 0) - 60)).toBeLessThanOrEqual(4);
  });

  it('keeps raster size, scales down only past the limit', async () => {
    const png = await encode(await rasterise(SQUARE_IN_MARGINS), 'png');
    const input = await inputFrom(png, 'png');
    const same = await decode(
      (await normalize.run(input, normalize.options.parse({}), context())).files[0]?.bytes as Uint8Array,
    );
    expect([same.width, same.height]).toEqual([200, 100]);
    const small = await decode(
      (await normalize.run(input, normalize.options.parse({ size: 50 }), context())).files[0]?.bytes as Uint8Array,
    );
    expect([small.width, small.height]).toEqual([50, 25]);
  });

  it('refuses PDF masters with a clear error and garbage with DECODE_FAILED', async () => {
    await expect(decodeToRgba(new Uint8Array([37, 80, 68, 70]), 'pdf')).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
    });
    const error = await decodeToRgba(new Uint8Array([1, 2, 3, 4]), 'png').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarqueError);
    expect((error as MarqueError).code).toBe('DECODE_FAILED');
  });
});
