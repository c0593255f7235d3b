import { describe, expect, it } from 'vitest';
import { edgeShare, enlargedBetweenPixels } from '../../../src/main/core/pipeline/processors/vector/fine-edges.ts';

function image(width: number, height: number, alphaAt: (x: number, y: number) => number) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      data.set([200, 40, 10, alphaAt(x, y)], o);
    }
  return { width, height, data };
}

describe('fine edges', () => {
  it('counts partly covered pixels at a coverage step as edge, not translucent fill', () => {
    expect(edgeShare(image(8, 8, () => 200))).toBe(0);
    // A vertical edge: columns 0-2 solid, column 3 half covered, the rest empty.
    const edged = image(8, 8, (x) => (x < 3 ? 255 : x === 3 ? 160 : 0));
    expect(edgeShare(edged)).toBeCloseTo(8 / 32, 5);
  });

  it('doubles on pixel centres: the half-coverage line stays where it was', () => {
    // Coverage 255 up to x = 3, half at x = 3: the 50 % line lies at x = 3.5 (source pixels).
    const source = image(8, 1, (x) => (x < 3 ? 255 : x === 3 ? 128 : 0));
    const big = enlargedBetweenPixels(source, 2);
    expect(big.width).toBe(16);
    const alpha = (x: number) => big.data[x * 4 + 3] as number;
    // Output pixels 6 and 7 cover source x 3.0-3.5 and 3.5-4.0: one side of the line each.
    expect(alpha(6)).toBeGreaterThanOrEqual(128);
    expect(alpha(7)).toBeLessThan(128);
    // Colour is kept where there is coverage (premultiplied interpolation).
    expect([...big.data.subarray(6 * 4, 6 * 4 + 3)]).toEqual([200, 40, 10]);
  });
});
