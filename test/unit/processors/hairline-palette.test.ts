/**
 * Hairlines have colours too (issue 12). Lines under two pixels wide are all anti-aliased edge, so
 * no pixel of theirs is interior: devicon's Django REST mark draws its construction lines in
 * #6c6c6c, 3 % of the logo, and that grey was missing from its palette. The colour trace drew the
 * lines in a neighbouring colour: ΔE76 2.07 against the master (vtracer 1.11).
 */
import { describe, expect, it } from 'vitest';
import { decodeToRgba } from '../../../src/main/core/pipeline/processors/raster/decode.ts';
import { extractPalette } from '../../../src/main/core/pipeline/processors/raster/palette.ts';
import { deltaE76, parseHex, rgbToLab } from '../../../src/shared/colour.ts';
import { deviconSvg } from './artwork-corpus.ts';
import { traceError } from './colour-trace-error.ts';

const FILLS = ['#7f2d2d', '#212121', '#cecece', '#6c6c6c'];

function distanceToFill(hex: string): number {
  const lab = rgbToLab(parseHex(hex) ?? [0, 0, 0]);
  return Math.min(...FILLS.map((fill) => deltaE76(lab, rgbToLab(parseHex(fill) ?? [0, 0, 0]))));
}

describe('palette of hairline art', () => {
  it("djangorest: the construction lines' grey is found, the mixes where lines cross are not", async () => {
    const image = await decodeToRgba(new TextEncoder().encode(deviconSvg('djangorest', 'original')), 'svg', {
      size: 1024,
    });
    const hexes = extractPalette(image, { mergeDistance: 3 }).map((colour) => colour.hex);
    // Exactly its four fills, each within rounding of the drawn colour.
    expect(hexes).toHaveLength(4);
    for (const hex of hexes) expect(distanceToFill(hex), hex).toBeLessThan(1);
  });

  it('djangorest: the colour trace matches the master within ΔE76 1.5 (was 2.07)', async () => {
    expect(await traceError('djangorest', 'original', 'svg')).toBeLessThan(1.5);
  }, 120_000);
});
