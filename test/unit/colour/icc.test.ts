import { describe, expect, it } from 'vitest';
import {
  builtinCmykProfile,
  inspectCmykProfile,
  pressTransform,
  totalCoverage,
} from '../../../src/main/core/colour/icc.ts';
import { isBlack, openPress, PURE_BLACK } from '../../../src/main/core/colour/press.ts';
import { type Cmyk, deltaE76, hexToRgb, type Rgb, uncalibratedCmyk } from '../../../src/shared/colour.ts';
import { DEFAULT_PRINT_SETUP } from '../../../src/shared/print.ts';

/**
 * The same sRGB -> built-in CMYK transform (relative colorimetric, black point compensation)
 * measured once by another path: Ghostscript 10.00 (its own lcms2mt fork and its own sRGB profile)
 * rendering DeviceRGB patches with
 *   gs -sDEVICE=pamcmyk32 -sOutputICCProfile=<libvips cmyk profile> -dRenderIntent=1 -dBlackPtComp=1
 * and reading the 8-bit CMYK of each patch (values in percent).
 */
const GHOSTSCRIPT: readonly [string, number, number, number, number][] = [
  ['#2eb57d', 62.4, 0, 60.4, 0.4], // Slack green
  ['#4a154b', 52.5, 90.2, 0.4, 60], // Slack aubergine
  ['#36c5f0', 52.9, 0.8, 1.6, 0],
  ['#ecb22e', 0, 20.8, 84.7, 7.8],
  ['#e01e5a', 0, 92.5, 47.1, 5.1],
  ['#006847', 75.7, 0, 70.2, 44.3], // Mexico green
  ['#ce1126', 0, 96.1, 86.3, 12.2], // Mexico red
  ['#009c3b', 74.1, 0, 92.2, 3.1], // Brazil green
  ['#ffdf00', 0.4, 3.9, 87.8, 4.3], // Brazil yellow
  ['#002776', 96.1, 83.5, 0, 17.3], // Brazil blue
  ['#007a4d', 75.7, 0, 73.3, 30.6], // South Africa green
  ['#de3831', 0, 86.3, 83.5, 6.3],
  ['#002395', 96.5, 85.1, 0, 0],
  ['#ffb612', 0, 23.5, 91.8, 1.6],
  ['#1da1f2', 67.8, 9.8, 0, 0],
  ['#0a66c2', 82.4, 47.5, 0, 0],
  ['#ff9900', 0, 38.8, 93.3, 0.8],
  ['#f48024', 0, 50.6, 92.2, 2.7],
  ['#ff6600', 0, 64.7, 100, 0],
  ['#e34f26', 0, 74.1, 90.6, 5.1],
  ['#3178c6', 74.1, 39.2, 0, 0.8],
  ['#61dafb', 40.4, 0, 3.1, 0],
  ['#68a063', 50.6, 0, 65.5, 14.5],
  ['#f7df1e', 2.4, 3.5, 85.9, 3.9],
  ['#808080', 0.8, 0, 0.4, 57.3],
  ['#c0c0c0', 0, 0, 0, 26.7],
  ['#333333', 12.5, 1.6, 18.8, 88.2],
  ['#000000', 11.8, 0, 56.1, 98.4],
  ['#000001', 12.9, 1.2, 55.3, 98],
  ['#010101', 11.8, 0, 55.7, 98],
  ['#ffffff', 0, 0, 0, 0],
  ['#fafafa', 0, 0, 0, 2.4],
  ['#0000ff', 90.2, 71, 0, 0],
  ['#00ff00', 23.5, 0, 100, 0],
  ['#ff0000', 0, 97.3, 99.6, 0],
  ['#8b4513', 0, 60.4, 93.7, 47.8],
];

/** The same colours through the perceptual intent (-dRenderIntent=0), measured the same way. */
const GHOSTSCRIPT_PERCEPTUAL: readonly [string, number, number, number, number][] = [
  ['#2eb57d', 66.3, 0, 59.2, 3.1],
  ['#4a154b', 49.8, 96.1, 0, 59.2],
  ['#36c5f0', 56.9, 1.2, 6.3, 1.2],
  ['#ecb22e', 0, 22.4, 90.6, 8.2],
  ['#e01e5a', 1.2, 97.3, 49, 6.3],
  ['#006847', 83.1, 0, 72.2, 51.4],
  ['#ce1126', 0, 95.3, 89, 12.9],
  ['#009c3b', 74.5, 0, 92.5, 15.3],
  ['#ffdf00', 0.4, 7.1, 95.7, 3.1],
  ['#002776', 96.5, 78, 0, 40],
  ['#007a4d', 81.2, 0, 75.7, 39.6],
  ['#de3831', 0, 89.8, 91.4, 7.5],
  ['#002395', 96.5, 82.4, 0, 24.3],
  ['#ffb612', 0, 25.1, 97.3, 2],
  ['#1da1f2', 68.6, 19.6, 0, 2],
  ['#0a66c2', 87.1, 52.5, 0, 9.4],
  ['#ff9900', 0, 40.4, 98, 2.4],
  ['#f48024', 0, 51, 94.1, 4.3],
  ['#ff6600', 0, 62.7, 97.6, 2],
  ['#e34f26', 0, 75.3, 94.1, 7.1],
  ['#3178c6', 77.6, 41.6, 0, 8.6],
  ['#61dafb', 42.4, 0.4, 6.3, 0.4],
  ['#68a063', 52.9, 0, 70.2, 17.6],
  ['#f7df1e', 1.6, 5.9, 93.3, 3.9],
  ['#808080', 2.4, 0, 0.8, 59.6],
  ['#c0c0c0', 0, 0, 0, 25.1],
  ['#333333', 13.3, 1.6, 18.8, 88.2],
  ['#000000', 19.6, 0, 82, 99.2],
  ['#000001', 21.6, 1.6, 80, 98.8],
  ['#010101', 19.6, 0, 79.6, 98.8],
  ['#ffffff', 0, 0, 0, 0],
  ['#fafafa', 0, 0, 0, 1.6],
  ['#0000ff', 94.9, 84.3, 0, 2],
  ['#00ff00', 44.7, 0, 92.5, 0],
  ['#ff0000', 0, 92.2, 97.3, 0.4],
  ['#8b4513', 0, 55.7, 95.3, 53.7],
];

describe('ICC CMYK (LittleCMS, built-in profile)', () => {
  it('matches Ghostscript’s transform of the same profile within ΔE76 1 for every colour', async () => {
    const profile = await builtinCmykProfile();
    const transform = await pressTransform(profile, 'relative', true);
    expect(transform.description).toBe('Chemical proof');
    let worst = 0;
    for (const [hex, ...reference] of GHOSTSCRIPT) {
      const ours = transform.toCmyk(hexToRgb(hex));
      const error = deltaE76(transform.cmykToLab(ours), transform.cmykToLab(reference));
      worst = Math.max(worst, error);
      expect(error, `${hex}: ours ${ours.join('/')} vs Ghostscript ${reference.join('/')}`).toBeLessThanOrEqual(1);
    }
    expect(GHOSTSCRIPT.length).toBeGreaterThanOrEqual(24);
    // 8-bit quantisation in Ghostscript's output is the only difference left.
    expect(worst).toBeLessThan(0.8);
  });

  it('keeps brand colours far closer than the K = 1 - max(R,G,B) formula did', async () => {
    const transform = await pressTransform(await builtinCmykProfile(), 'relative', true);
    const brands = ['#2eb57d', '#4a154b', '#e01e5a', '#ecb22e', '#006847', '#ce1126', '#009c3b', '#002776', '#0a66c2'];
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    const miss = (cmyk: (rgb: Rgb) => Cmyk) =>
      brands.map((hex) => {
        const rgb = hexToRgb(hex);
        return deltaE76(transform.cmykToLab(cmyk(rgb)), transform.rgbToLab50(rgb));
      });
    const icc = miss((rgb) => transform.toCmyk(rgb));
    const naive = miss(uncalibratedCmyk);
    // Measured: ICC median 10 (the built-in proof profile has a small gamut), the formula 27.
    expect(median(icc)).toBeLessThan(0.6 * median(naive));
    // Slack green: 38.9 by the formula, 10 through the profile.
    expect(icc[0]).toBeLessThan((naive[0] as number) / 3);
  });

  it('perceptual matches Ghostscript’s perceptual transform within ΔE76 1', async () => {
    const transform = await pressTransform(await builtinCmykProfile(), 'perceptual', true);
    for (const [hex, ...reference] of GHOSTSCRIPT_PERCEPTUAL) {
      const ours = transform.toCmyk(hexToRgb(hex));
      const error = deltaE76(transform.cmykToLab(ours), transform.cmykToLab(reference));
      expect(error, `${hex}: ours ${ours.join('/')} vs Ghostscript ${reference.join('/')}`).toBeLessThanOrEqual(1);
    }
  });

  it('perceptual differs from relative colorimetric, as the intents should', async () => {
    const profile = await builtinCmykProfile();
    const relative = await pressTransform(profile, 'relative', true);
    const perceptual = await pressTransform(profile, 'perceptual', true);
    const blue = hexToRgb('#0000ff');
    expect(
      deltaE76(relative.cmykToLab(relative.toCmyk(blue)), perceptual.cmykToLab(perceptual.toCmyk(blue))),
    ).toBeGreaterThan(1);
  });

  it('holds every colour to the coverage limit and applies the rich-black rule', async () => {
    const press = await openPress({ ...DEFAULT_PRINT_SETUP, coverageLimit: 240 });
    for (const [hex] of GHOSTSCRIPT) {
      const cmyk = press.cmyk(hexToRgb(hex), 50);
      expect(totalCoverage(cmyk), hex).toBeLessThanOrEqual(240);
    }
    // Near black is black: text-size detail is pure K, a large area rich black (within the limit).
    expect(isBlack(hexToRgb('#000001'))).toBe(true);
    expect(isBlack(hexToRgb('#333333'))).toBe(false);
    expect(press.cmyk(hexToRgb('#000001'), 2)).toEqual(PURE_BLACK);
    const rich = press.cmyk(hexToRgb('#000001'), 40);
    expect(rich[3]).toBeGreaterThan(90);
    expect(rich[0] + rich[1] + rich[2]).toBeGreaterThan(10);
    expect(totalCoverage(rich)).toBeLessThanOrEqual(240);
    const pureK = await openPress({ ...DEFAULT_PRINT_SETUP, richBlack: 'pure-k' });
    expect(pureK.cmyk(hexToRgb('#000000'), 400)).toEqual(PURE_BLACK);
  });

  it('refuses a profile that is not CMYK, naming the file', async () => {
    const transform = await pressTransform(await builtinCmykProfile(), 'relative', true);
    expect(transform.profile.length).toBeGreaterThan(1000);
    await expect(inspectCmykProfile(new Uint8Array([1, 2, 3, 4]), 'broken.icc')).rejects.toThrow(/broken\.icc/);
    const info = await inspectCmykProfile(await builtinCmykProfile(), 'cmyk.icc');
    expect(info.description).toBe('Chemical proof');
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
