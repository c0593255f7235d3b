/**
 * The one-colour rule reads the art, not the rim the paper left (issue 12). Where paper is taken
 * out of an opaque master, the art's outermost pixels are its colour mixed with the paper: django
 * REST on white has a grey band (#cecece, L* 83, ink) whose rim reads L* 86. Counted as light
 * details, those rim pixels turned the knockout on, the rim became paper, and the bilevel trace
 * missed it: IoU 0.9851 against the master, with no warning (from the SVG master: 0.9996).
 */
import { describe, expect, it } from 'vitest';
import { artworkReading } from '../../../src/main/core/pipeline/processors/artwork-reading.ts';
import { deviconSvg, onWhite, svgInput, traceIoUAgainst } from './artwork-corpus.ts';
import { context } from './helpers.ts';

describe('paper rims are not light details', () => {
  const svg = deviconSvg('djangorest', 'original');

  it('django REST reads the same one-colour rule on white as from its SVG master', async () => {
    // At 1024 px, as the bench reads it; the rim is a smaller share of a smaller reading.
    const options = artworkReading.options.parse({ size: 1024 });
    const fromSvg = await artworkReading.run(await svgInput(svg, 'djangorest'), options, context());
    const onPaper = await artworkReading.run(await onWhite(svg, 'png', 1024, 'djangorest'), options, context());
    expect(fromSvg.facts?.knockout).toBe(false);
    expect(onPaper.facts?.knockout).toBe(false);
  });

  it("django REST on white: the bilevel trace keeps its band's rim (0.9851 before)", async () => {
    const input = await onWhite(svg, 'png', 1024, 'djangorest');
    // Measured 0.9927 (the bench's reference, librsvg's render of the SVG master).
    expect(await traceIoUAgainst(svg, input)).toBeGreaterThan(0.99);
  }, 120_000);
});
