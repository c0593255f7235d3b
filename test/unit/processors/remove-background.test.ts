import { describe, expect, it } from 'vitest';
import { decodeToRgba } from '../../../src/main/core/pipeline/processors/raster/decode.ts';
import {
  removeBackground,
  removeBackgroundProcessor,
} from '../../../src/main/core/pipeline/processors/remove-background.ts';
import { deltaE76, rgbToLab } from '../../../src/shared/colour.ts';
import { context, decode, encode, inputFrom, pixel, rasterise } from './helpers.ts';

/** A black "O" (ring) and a bar on white: the counter inside the O is white but not background. */
const O_ON_WHITE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#ffffff"/>' +
  '<path fill="#111111" fill-rule="evenodd" d="M150 40a110 110 0 1 0 0.1 0zM150 100a50 50 0 1 0 0.1 0z"/>' +
  '<rect x="300" y="40" width="40" height="220" fill="#111111"/></svg>';

describe('background removal', () => {
  it('removes a white JPEG background, keeps the white counter inside the letter, leaves no halo', async () => {
    const jpeg = await encode(await rasterise(O_ON_WHITE), 'jpeg', 80);
    const image = await decodeToRgba(jpeg, 'jpeg');
    const result = removeBackground(image);
    expect(result.outcome).toBe('removed');
    expect(result.background).toMatch(/^#f[a-f0-9]f[a-f0-9]f[a-f0-9]$/);
    const out = result.image;
    expect(pixel(out, 5, 5)[3]).toBe(0); // corner
    expect(pixel(out, 270, 150)[3]).toBe(0); // between the O and the bar
    const counter = pixel(out, 150, 150); // inside the O
    expect(counter[3]).toBe(255);
    expect(Math.min(counter[0], counter[1], counter[2])).toBeGreaterThan(240);
    expect(pixel(out, 150, 70)[3]).toBe(255); // the ring itself

    // No halo: every visible pixel on the outer edge of the ring is the ink colour (un-mixed), not a light fringe.
    const ink = rgbToLab([0x11, 0x11, 0x11]);
    let edgePixels = 0;
    for (let y = 0; y < 300; y++) {
      for (let x = 0; x < 400; x++) {
        const r = Math.hypot(x + 0.5 - 150, y + 0.5 - 150);
        if (r < 106 || r > 113) continue;
        const [pr, pg, pb, pa] = pixel(out, x, y);
        if (pa === 0) continue;
        edgePixels++;
        expect(deltaE76(rgbToLab([pr, pg, pb]), ink)).toBeLessThan(20);
      }
    }
    expect(edgePixels).toBeGreaterThan(500);
    // Anti-aliasing survives as alpha: partly transparent pixels exist on that edge.
    let partial = 0;
    for (let x = 0; x < 400; x++) {
      const a = pixel(out, x, 150)[3];
      if (a > 0 && a < 255) partial++;
    }
    expect(partial).toBeGreaterThan(0);
  });

  it('removes a solid coloured background from a white mark', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="300" height="200" fill="#2a6fdb"/>' +
      '<rect x="100" y="50" width="100" height="100" fill="#ffffff"/></svg>';
    const result = removeBackground(await rasterise(svg));
    expect(result.outcome).toBe('removed');
    expect(result.background).toBe('#2a6fdb');
    expect(pixel(result.image, 10, 10)[3]).toBe(0);
    expect(pixel(result.image, 150, 100)).toEqual([255, 255, 255, 255]);
    expect(result.removedShare).toBeCloseTo(1 - 10_000 / 60_000, 2);
  });

  it('passes logos that already have transparency through untouched', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><circle cx="100" cy="100" r="80" fill="#ffffff"/></svg>';
    const image = await rasterise(svg);
    const result = removeBackground(image);
    expect(result.outcome).toBe('already-transparent');
    expect(result.image).toBe(image);
  });

  it('leaves images without a flat background alone', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><defs><linearGradient id="g"><stop offset="0" stop-color="#000"/>' +
      '<stop offset="1" stop-color="#f00"/></linearGradient></defs><rect width="200" height="200" fill="url(#g)"/></svg>';
    const result = removeBackground(await rasterise(svg));
    expect(result.outcome).toBe('no-flat-background');
  });

  it('runs as a processor: a transparent PNG, counters cleared, and what it did in the facts', async () => {
    const jpeg = await encode(await rasterise(O_ON_WHITE), 'jpeg', 80);
    const result = await removeBackgroundProcessor.run(
      await inputFrom(jpeg, 'jpeg'),
      removeBackgroundProcessor.options.parse({}),
      context(),
    );
    expect(result.files[0]?.path).toBe('transparent.png');
    const png = await decode(result.files[0]?.bytes as Uint8Array);
    expect(png.width).toBe(400);
    expect(pixel(png, 5, 5)[3]).toBe(0);
    // The background decision clears the paper inside the O too (a JPEG shows paper there).
    expect(pixel(png, 150, 150)[3]).toBe(0);
    expect(pixel(png, 150, 70)[3]).toBe(255);
    expect(result.facts?.outcome).toBe('removed');
    expect(result.facts?.enclosedShare).toBeGreaterThan(0.05);
  });
});
