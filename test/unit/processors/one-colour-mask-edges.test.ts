/**
 * The one-colour rule on anti-aliased edges. librsvg stores premultiplied 8-bit pixels, so an
 * edge pixel's colour comes back a level off: bourbon's glass outline (#e5d1bf, L* 85.008, a hair
 * lighter than the default threshold of 85, so paper) rounded darker along its edges, and the
 * traced one-colour versions drew 462 hairline slivers round the glass.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { oneColourMask } from '../../../src/main/core/pipeline/processors/artwork/one-colour-mask.ts';
import { decode } from './helpers.ts';

async function render(svg: string, size: number) {
  return decode(new Uint8Array(await sharp(Buffer.from(svg), { density: 288 }).resize(size, size).png().toBuffer()));
}

/** A dark square (ink, so the rule knocks light colours out) and a ring of one colour round it. */
const ringed = (ring: string) =>
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200">' +
  '<rect x="80" y="80" width="40" height="40" fill="#222222"/>' +
  `<circle cx="100" cy="100" r="80" fill="none" stroke="${ring}" stroke-width="9"/></svg>`;

/** Ink pixels outside the dark square: the ring's. */
function ringInk(mask: Uint8Array, size: number): number {
  let count = 0;
  const [lo, hi] = [0.38 * size, 0.62 * size];
  for (let i = 0; i < mask.length; i++) {
    const x = i % size;
    const y = Math.floor(i / size);
    if (mask[i] && !(x > lo && x < hi && y > lo && y < hi)) count++;
  }
  return count;
}

describe('one-colour mask on anti-aliased edges', () => {
  it('a colour on the threshold stays paper along its edges: no slivers', async () => {
    const image = await render(ringed('#e5d1bf'), 1024);
    const { mask, knockout } = oneColourMask(image);
    expect(knockout).toBe(true);
    expect(ringInk(mask, 1024)).toBe(0);
  });

  it('a colour clearly under the threshold is ink, edges and all', async () => {
    // #d8c4b2 is L* 80: a ring of ink, as thick as drawn (9 of 200 units).
    const image = await render(ringed('#d8c4b2'), 1024);
    const { mask } = oneColourMask(image);
    const ringArea = Math.PI * 2 * 80 * 9 * (1024 / 200) ** 2;
    expect(ringInk(mask, 1024) / ringArea).toBeGreaterThan(0.97);
    expect(ringInk(mask, 1024) / ringArea).toBeLessThan(1.03);
  });
});
