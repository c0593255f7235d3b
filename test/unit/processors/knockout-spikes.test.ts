import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clipper, FillRule } from 'clipper2-ts';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanRings } from '../../../src/main/core/pipeline/processors/artwork/knockout-geometry.ts';
import { masterArtwork } from '../../../src/main/core/pipeline/processors/artwork/master-artwork.ts';
import { scoreOneColour } from '../../../src/main/core/pipeline/processors/artwork/score.ts';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { flagSvg } from './artwork-corpus.ts';
import { context, svgInput } from './helpers.ts';
import { ghostscriptRgba } from './render-compare.ts';

const dir = mkdtempSync(join(tmpdir(), 'marque-spikes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The ring from hr.svg, flattened to points: a heptagon whose last edge doubles back along its first. */
const SPIKED = [
  [266.32500000000005, 88.35000000000001],
  [266.32500000000005, 88.50000000000001],
  [266.40000000000003, 88.575],
  [266.40000000000003, 88.65],
  [266.32500000000005, 88.65],
  [266.25, 88.5],
  [266.25, 88.35],
  [266.239453125, 88.35],
  [266.22187499999995, 88.35],
  [266.218359375, 88.35],
  [266.25, 88.35],
].map(([x, y]) => ({ x: x as number, y: y as number }));

function shoelace(ring: readonly { x: number; y: number }[]): number {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as { x: number; y: number };
    const b = ring[(i + 1) % ring.length] as { x: number; y: number };
    twice += a.x * b.y - b.x * a.y;
  }
  return twice / 2;
}

describe('knockout geometry: spiked rings', () => {
  it('drops the spike and the straight-run vertices, keeping the area', () => {
    const [ring] = cleanRings([SPIKED]);
    expect(ring).toHaveLength(7);
    const united = Clipper.unionD(cleanRings([SPIKED]), [], FillRule.NonZero, 3);
    expect(Math.abs(Clipper.areaPathsD(united))).toBeCloseTo(Math.abs(shoelace(SPIKED.slice(0, 7))), 3);
  });

  it('the Croatian flag: the black PDF is made and matches the master ink (Ghostscript)', async () => {
    const input = await svgInput(flagSvg('hr'), 'hr');
    const result = await pdf.run(input, pdf.options.parse({ variants: ['black'] }), context());
    const { image } = await masterArtwork(input, 384);
    const rendered = await ghostscriptRgba(result.files[0]?.bytes as Uint8Array, image.width, image.height);
    expect(scoreOneColour(image, rendered).iou).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
