/**
 * A logo drawn translucent (devicon's Haskell wordmark: #333 at opacity 0.937) has its colours in
 * the palette, so the colour trace paints the letters their own grey. Before, pixels under alpha
 * 250 never counted as palette colours: the letters were traced in the logo's purple, ΔE76 21.7.
 */
import { describe, expect, it } from 'vitest';
import { decodeToRgba } from '../../../src/main/core/pipeline/processors/raster/decode.ts';
import { extractPalette } from '../../../src/main/core/pipeline/processors/raster/palette.ts';
import { traceColor } from '../../../src/main/core/pipeline/processors/trace-color.ts';
import { deviconSvg } from './artwork-corpus.ts';
import { context, svgInput } from './helpers.ts';

describe('palette of translucent art', () => {
  const svg = deviconSvg('haskell', 'original-wordmark');

  it('keeps the colour of a wordmark drawn at opacity 0.937', async () => {
    const image = await decodeToRgba(new TextEncoder().encode(svg), 'svg', { size: 512 });
    const hexes = extractPalette(image, { mergeDistance: 3 }).map((colour) => colour.hex);
    expect(hexes).toContain('#333333');
  });

  it('the colour trace matches the master within ΔE76 2', async () => {
    const result = await traceColor.run(
      await svgInput(svg, 'haskell'),
      traceColor.options.parse({ size: 768 }),
      context(),
    );
    const fidelity = result.facts?.fidelity as { meanColorError: number };
    expect(fidelity.meanColorError).toBeLessThanOrEqual(2);
  });
});
