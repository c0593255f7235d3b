import { describe, expect, it } from 'vitest';
import {
  contrast,
  deltaE76,
  deltaE2000,
  hexToLab,
  isPaperWhite,
  parseHex,
  rgbToLab,
  toHex,
} from '../../../src/shared/colour.ts';

describe('the colour module', () => {
  it('converts sRGB to Lab (D65) as published references do', () => {
    // Bruce Lindbloom's calculator (sRGB, D65, no adaptation).
    const cases: [string, number, number, number][] = [
      ['#ff0000', 53.2408, 80.0925, 67.2032],
      ['#0000ff', 32.297, 79.1875, -107.8602],
      ['#808080', 53.5851, 0, 0],
      ['#ffffff', 100, 0, 0],
    ];
    for (const [hex, L, a, b] of cases) {
      const lab = hexToLab(hex);
      expect(deltaE76(lab, [L, a, b]), hex).toBeLessThan(0.05);
    }
  });

  it('computes CIEDE2000 as Sharma, Wu and Dalal’s test data', () => {
    const pairs: [[number, number, number], [number, number, number], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
      [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
    ];
    for (const [a, b, expected] of pairs) expect(deltaE2000(a, b)).toBeCloseTo(expected, 4);
  });

  it('parses and writes hex, measures contrast and tells paper from ink', () => {
    expect(parseHex('#abc')).toEqual([170, 187, 204]);
    expect(parseHex('nope')).toBeNull();
    expect(toHex([300, -2, 15.4])).toBe('#ff000f');
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(isPaperWhite([250, 250, 250])).toBe(true);
    expect(isPaperWhite([255, 255, 239])).toBe(true);
    expect(isPaperWhite([255, 223, 0])).toBe(false);
    expect(rgbToLab([0, 0, 1])[0]).toBeLessThan(1);
  });
});
