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

  it('keeps a faint hairline above half coverage (bilinear alone lowers its peak)', () => {
    // A row at 60 % coverage: bilinear gives 0.75 of it (45 %) on the output rows beside it.
    const source = image(8, 7, (_x, y) => (y === 3 ? 153 : 0));
    const big = enlargedBetweenPixels(source, 2);
    for (const Y of [6, 7])
      for (let X = 0; X < 16; X++) expect(big.data[(Y * 16 + X) * 4 + 3]).toBeGreaterThanOrEqual(128);
    expect(big.data[(5 * 16 + 4) * 4 + 3]).toBeLessThan(128);
  });

  it('joins a 45 degree hairline along edges, and leaves a paper hairline and a checkerboard apart', () => {
    const n = 12;
    const inkLine = enlargedBetweenPixels(
      image(n, n, (x, y) => (x === y ? 250 : 0)),
      2,
    );
    expect(components(inkLine, true)).toBe(1);
    // The same line in paper through ink is not cut: its blocks still meet at their corners.
    const paperLine = enlargedBetweenPixels(
      image(n, n, (x, y) => (x + y === n - 1 ? 0 : 250)),
      2,
    );
    expect(components(paperLine, false, true)).toBe(1);
    // A checkerboard has no line to join: every ink square stays apart.
    const board = enlargedBetweenPixels(
      image(6, 6, (x, y) => ((x + y) % 2 === 0 ? 250 : 0)),
      2,
    );
    expect(components(board, true)).toBe(18);
    // The output pixel at (2, 1), in the paper block beside the line's first corner, takes the
    // line's colour and coverage.
    expect([...inkLine.data.subarray((1 * 24 + 2) * 4, (1 * 24 + 2) * 4 + 4)]).toEqual([200, 40, 10, 250]);
  });
});

/** Regions of ink (alpha >= 128) or of paper, joined along edges (or at corners too). */
function components(img: { width: number; height: number; data: Uint8Array }, ink: boolean, corners = false): number {
  const { width, height, data } = img;
  const inside = (i: number) => (data[i * 4 + 3] as number) >= 128 === ink;
  const seen = new Uint8Array(width * height);
  let count = 0;
  for (let start = 0; start < width * height; start++) {
    if (seen[start] || !inside(start)) continue;
    count++;
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const x = i % width;
      const left = x > 0;
      const right = x < width - 1;
      const edges = [left ? i - 1 : -1, right ? i + 1 : -1, i - width, i + width];
      const diagonals = [
        left ? i - width - 1 : -1,
        right ? i - width + 1 : -1,
        left ? i + width - 1 : -1,
        right ? i + width + 1 : -1,
      ];
      for (const j of corners ? [...edges, ...diagonals] : edges)
        if (j >= 0 && j < width * height && !seen[j] && inside(j)) {
          seen[j] = 1;
          stack.push(j);
        }
    }
  }
  return count;
}
