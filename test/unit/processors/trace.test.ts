import { describe, expect, it } from 'vitest';
import { decodeToRgba } from '../../../src/main/core/pipeline/processors/raster/decode.ts';
import { OPAQUE_ALPHA } from '../../../src/main/core/pipeline/processors/raster/rgba.ts';
import { trace } from '../../../src/main/core/pipeline/processors/trace.ts';
import { traceColor } from '../../../src/main/core/pipeline/processors/trace-color.ts';
import { coverageIoU, renderSvg } from '../../../src/main/core/pipeline/processors/vector/fidelity.ts';
import { traceToSvg } from '../../../src/main/core/pipeline/processors/vector/trace-svg.ts';
import { deltaE76, rgbToLab } from '../../../src/shared/colour.ts';
import { sampleOf } from '../../helpers/scale.ts';
import { renderLogo, simpleIcons } from './corpus.ts';
import { context, decode, encode, fills, rasterise, svgInput } from './helpers.ts';

const LIGHT_GREEN_ON_WHITE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">' +
  '<rect width="400" height="300" fill="#ffffff"/>' +
  '<circle cx="140" cy="150" r="90" fill="#b8f0b0"/><rect x="250" y="60" width="110" height="180" fill="#b8f0b0"/></svg>';

/** 40 marks spread evenly over simple-icons in the slow project; every fourth of them in the fast loop. */
const MARKS = sampleOf(simpleIcons(40), 10);

describe('bilevel trace', () => {
  it(`re-renders ${MARKS.length} simple-icons at 1024 px with IoU >= 0.99 against the traced mask, every image`, async () => {
    const ious: number[] = [];
    for (const logo of MARKS) {
      const image = await renderLogo(logo);
      const result = await traceToSvg(image);
      expect(result.mode, logo.name).toBe('alpha');
      const iou = coverageIoU(result.mask, await renderSvg(result.svg, image.width, image.height));
      expect(iou, logo.name).toBeGreaterThanOrEqual(0.99);
      ious.push(iou);
    }
    expect(ious.reduce((a, b) => a + b) / ious.length).toBeGreaterThan(0.995);
  }, 120_000);

  it('traces a light green mark on white in full (the white paper is decided and removed; a light-only mark is all ink)', async () => {
    // JPEG: the real case, a flat background with compression noise.
    const jpeg = await encode(await rasterise(LIGHT_GREEN_ON_WHITE), 'jpeg', 85);
    const image = await decodeToRgba(jpeg, 'jpeg');
    const truth = await rasterise(LIGHT_GREEN_ON_WHITE.replaceAll('#ffffff', 'none'));
    const truthMask = new Uint8Array(truth.width * truth.height);
    for (let i = 0; i < truthMask.length; i++) truthMask[i] = (truth.data[i * 4 + 3] as number) >= OPAQUE_ALPHA ? 1 : 0;

    const result = await traceToSvg(image);
    expect(result.mode).toBe('alpha');
    expect(result.background.kind).toBe('flat');
    const rendered = await renderSvg(result.svg, image.width, image.height);
    expect(coverageIoU(truthMask, rendered)).toBeGreaterThan(0.98);
    // Filled with the mark's own colour, not black.
    const [fill] = fills(result.svg);
    const fillRgb = [1, 3, 5].map((k) => Number.parseInt((fill as string).slice(k, k + 2), 16)) as [
      number,
      number,
      number,
    ];
    expect(deltaE76(rgbToLab(fillRgb), rgbToLab([0xb8, 0xf0, 0xb0]))).toBeLessThan(5);
    // Background (a corner) stays empty.
    expect(rendered.data[3]).toBe(0);
  });

  it('says where a vector master holds a bitmap, which the trace can only follow pixel by pixel', async () => {
    // A 12 x 12 px bitmap drawn 200 px wide beside a vector square: what rsvg-convert makes of a filter.
    const png = await encode(
      await rasterise(
        '<svg xmlns="http://www.w3.org/2000/svg" width="12" height="12"><circle cx="6" cy="6" r="5"/></svg>',
      ),
      'png',
    );
    const withBitmap = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="180" height="180" fill="#123"/><image x="200" width="200" height="200" href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/></svg>`;
    const bitmapNote = /holds a bitmap image \(12 × 12 px\).*follows the bitmap's pixels/;
    const input = await svgInput(withBitmap, 'Mixed');
    const traced = await trace.run(input, trace.options.parse({}), context());
    const colour = await traceColor.run(input, traceColor.options.parse({}), context());
    for (const result of [traced, colour])
      expect(((result.facts?.warnings ?? []) as string[]).join(' ')).toMatch(bitmapNote);
    const vectorOnly = await trace.run(
      await svgInput(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="180" height="180"/></svg>',
      ),
      trace.options.parse({}),
      context(),
    );
    expect(vectorOnly.facts?.warnings).toEqual([]);
  });

  it('respects transparency: holes cut into a transparent mark stay holes', async () => {
    const ring =
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300">' +
      '<path fill="#222" fill-rule="evenodd" d="M150 20a130 130 0 1 0 0.1 0zM150 90a60 60 0 1 0 0.1 0z"/></svg>';
    const image = await rasterise(ring);
    const result = await traceToSvg(image);
    const rendered = await renderSvg(result.svg, 300, 300);
    expect(rendered.data[(150 * 300 + 150) * 4 + 3]).toBe(0); // the hole
    expect(rendered.data[(150 * 300 + 50) * 4 + 3]).toBe(255); // the ring
    expect(coverageIoU(result.mask, rendered)).toBeGreaterThan(0.99);
  });

  it('threshold moves the cut between background and ink', async () => {
    // A solid square and a 35 % opaque one: ink at threshold 0.2, background at 0.5.
    const soft =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">' +
      '<rect x="10" y="10" width="80" height="80" fill="#000"/>' +
      '<rect x="110" y="10" width="80" height="80" fill="#000" fill-opacity="0.35"/></svg>';
    const image = await rasterise(soft);
    const low = await traceToSvg(image, { threshold: 0.2 });
    const high = await traceToSvg(image, { threshold: 0.5 });
    const count = (mask: Uint8Array) => mask.reduce((sum, v) => sum + v, 0);
    expect(count(low.mask)).toBe(2 * 80 * 80);
    expect(count(high.mask)).toBe(80 * 80);
    const rendered = await renderSvg(low.svg, 200, 100);
    expect(rendered.data[(50 * 200 + 150) * 4 + 3]).toBe(255);
  });

  it('runs as a processor: a deterministic SVG with its fidelity in the facts', async () => {
    const icon = simpleIcons(40)[7] as { name: string; svg: string };
    const input = await svgInput(icon.svg);
    const options = trace.options.parse({ size: 512 });
    const first = await trace.run(input, options, context());
    const second = await trace.run(input, options, context());
    const file = first.files[0];
    expect(file?.path).toBe('trace.svg');
    expect(file?.mime).toBe('image/svg+xml');
    expect(Buffer.from(file?.bytes ?? []).equals(Buffer.from(second.files[0]?.bytes ?? []))).toBe(true);
    const svg = new TextDecoder().decode(file?.bytes);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="512"')).toBe(true);
    const fidelity = first.facts?.fidelity as { iou: number };
    expect(fidelity.iou).toBeGreaterThan(0.99);
    // The SVG is valid enough for librsvg to draw it at its declared size.
    const drawn = await decode(
      new Uint8Array(await (await import('sharp')).default(Buffer.from(svg)).png().toBuffer()),
    );
    expect(drawn.width).toBe(512);
  });

  it('rejects options out of range', () => {
    expect(trace.options.safeParse({ alphamax: 2 }).success).toBe(false);
    expect(trace.options.safeParse({ turdsize: -1 }).success).toBe(false);
    expect(trace.options.safeParse({ threshold: 0.4, opticurve: false }).success).toBe(true);
  });
});
