import { describe, expect, it } from 'vitest';
import { decodeToRgba } from '../../../src/main/core/pipeline/processors/raster/decode.ts';
import { traceColor } from '../../../src/main/core/pipeline/processors/trace-color.ts';
import { colorFidelity, renderSvg } from '../../../src/main/core/pipeline/processors/vector/fidelity.ts';
import { traceColorToSvg } from '../../../src/main/core/pipeline/processors/vector/trace-svg.ts';
import type { PaletteColor } from '../../../src/shared/palette.ts';
import { sampleOf } from '../../helpers/scale.ts';
import { colourLogos, renderLogo } from './corpus.ts';
import { context, encode, fills, pixel, rasterise, svgInput } from './helpers.ts';

/** 24 flat multi-colour logos spread evenly over the set in the slow project; every third in the fast loop. */
const LOGOS = sampleOf(colourLogos(24), 8);

describe('full-colour trace', () => {
  it(`reproduces ${LOGOS.length} multi-colour logos at 1024 px: colour error <= 1.5, < 1 % of pixels off by > 10, a few KB`, async () => {
    let offPixels = 0;
    let logoPixels = 0;
    const sizes: number[] = [];
    for (const logo of LOGOS) {
      const image = await renderLogo(logo);
      // Rendered from SVG: traced whole, as the recipe does vector masters.
      const result = await traceColorToSvg(image, { background: 'keep' });
      const fidelity = colorFidelity(image, await renderSvg(result.svg, image.width, image.height), result.logo);
      expect(fidelity.meanColorError, logo.name).toBeLessThanOrEqual(1.5);
      // Per logo, a little room for straight edges that fall between pixels; over the corpus, < 1 %.
      expect(fidelity.shareOffBy10, logo.name).toBeLessThan(0.02);
      expect(fidelity.iou, logo.name).toBeGreaterThan(0.97);
      expect(result.svg.length, logo.name).toBeLessThan(40_000);
      const pixels = result.logo.reduce((sum, v) => sum + v, 0);
      offPixels += (fidelity.shareOffBy10 as number) * pixels;
      logoPixels += pixels;
      sizes.push(result.svg.length);
    }
    expect(offPixels / logoPixels).toBeLessThan(0.01);
    sizes.sort((a, b) => a - b);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeLessThan(8_000);
  }, 120_000);

  it('stacks touching colours without a hairline seam and keeps transparent areas transparent', async () => {
    // Two colours meeting on a diagonal (anti-aliased in the input), inside a ring with a hole.
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">' +
      '<path fill="#d62828" d="M40 40H360L40 360Z"/><path fill="#1d3557" d="M360 40V360H40Z"/></svg>';
    const image = await rasterise(svg);
    // Punch a hole into the input so transparency inside the logo is tested too.
    for (let y = 0; y < 400; y++) {
      for (let x = 0; x < 400; x++) {
        if ((x - 200) ** 2 + (y - 200) ** 2 < 40 ** 2) image.data[(y * 400 + x) * 4 + 3] = 0;
      }
    }
    const result = await traceColorToSvg(image);
    expect(new Set(fills(result.svg))).toEqual(new Set(['#d62828', '#1d3557']));
    const rendered = await renderSvg(result.svg, 400, 400);
    // Along the diagonal where the two colours meet, nothing lets the backdrop through.
    let leastAlpha = 255;
    for (let x = 60; x < 340; x++) {
      const y = 400 - x;
      if ((x - 200) ** 2 + (y - 200) ** 2 < 45 ** 2) continue;
      for (const dy of [-1, 0, 1])
        leastAlpha = Math.min(leastAlpha, rendered.data[((y + dy) * 400 + x) * 4 + 3] as number);
    }
    expect(leastAlpha).toBe(255);
    expect(rendered.data[(200 * 400 + 200) * 4 + 3]).toBe(0); // the hole
    expect(rendered.data[(10 * 400 + 10) * 4 + 3]).toBe(0); // outside
  });

  it('does not fringe free edges with the colour underneath', async () => {
    // Dark text beside (not on) a blue badge: its edges against transparency must stay dark.
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="500" height="200">' +
      '<circle cx="100" cy="100" r="90" fill="#0066aa"/><rect x="215" y="40" width="12" height="120" fill="#111111"/>' +
      '<rect x="250" y="40" width="200" height="12" fill="#111111"/><circle cx="100" cy="100" r="40" fill="#ffffff"/></svg>';
    const image = await rasterise(svg);
    const result = await traceColorToSvg(image);
    const rendered = await renderSvg(result.svg, 500, 200);
    for (let x = 205; x < 470; x++) {
      for (let y = 30; y < 170; y++) {
        const o = (y * 500 + x) * 4;
        if ((rendered.data[o + 3] as number) === 0) continue;
        // Un-premultiplied edge colour is the text's own dark grey, with no blue in it.
        expect(Math.abs((rendered.data[o + 2] as number) - (rendered.data[o] as number))).toBeLessThan(6);
      }
    }
  });

  it('leaves a flat raster background transparent but keeps the white inside the logo', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#ffffff"/>' +
      '<path fill="#c1121f" fill-rule="evenodd" d="M150 40a110 110 0 1 0 0.1 0zM150 100a50 50 0 1 0 0.1 0z"/>' +
      '<rect x="300" y="40" width="40" height="220" fill="#003049"/></svg>';
    const jpeg = await encode(await rasterise(svg), 'jpeg', 85);
    const image = await decodeToRgba(jpeg, 'jpeg');
    const result = await traceColorToSvg(image);
    const rendered = await renderSvg(result.svg, 400, 300);
    expect(pixel(rendered, 5, 5)[3]).toBe(0);
    expect(pixel(rendered, 270, 150)[3]).toBe(0);
    const counter = pixel(rendered, 150, 150);
    expect(counter[3]).toBe(255);
    expect(Math.min(counter[0], counter[1], counter[2])).toBeGreaterThan(245);
    expect(result.palette).toHaveLength(3);
    // A vector master keeps everything: the white rect is part of the SVG.
    const kept = await traceColorToSvg(await rasterise(svg), { background: 'keep' });
    expect(pixel(await renderSvg(kept.svg, 400, 300), 5, 5)).toEqual([255, 255, 255, 255]);
  });

  it('uses a locked palette as given', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="150">' +
      '<rect x="10" y="10" width="130" height="130" fill="#e63946"/><rect x="160" y="10" width="130" height="130" fill="#2a9d8f"/></svg>';
    const image = await rasterise(svg);
    const result = await traceColorToSvg(image, { palette: ['#ff0000', '#00a0a0'] });
    expect(new Set(fills(result.svg))).toEqual(new Set(['#ff0000', '#00a0a0']));
  });

  it('runs as a processor with the palette and fidelity in its facts, using the logo’s locked palette', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="150">' +
      '<rect x="10" y="10" width="130" height="130" fill="#e63946"/><rect x="160" y="10" width="130" height="130" fill="#2a9d8f"/></svg>';
    const input = await svgInput(svg);
    const options = traceColor.options.parse({ size: 600 });
    const extracted = await traceColor.run(input, options, context());
    const facts = extracted.facts as {
      palette: PaletteColor[];
      fidelity: { meanColorError: number };
      paletteSource: string;
    };
    expect(facts.paletteSource).toBe('extracted');
    expect(facts.palette.map((c) => c.hex).sort()).toEqual(['#2a9d8f', '#e63946']);
    expect(facts.fidelity.meanColorError).toBeLessThan(0.5);

    const locked = {
      colors: [{ hex: '#cc0000', rgb: [204, 0, 0], cmyk: [0, 100, 100, 20], lab: [43, 68, 57], share: 1 }],
      locked: true,
    };
    const withLocked = await traceColor.run({ ...input, palette: locked as never }, options, context());
    expect((withLocked.facts as { paletteSource: string }).paletteSource).toBe('locked');
    expect(new Set(fills(new TextDecoder().decode(withLocked.files[0]?.bytes)))).toEqual(new Set(['#cc0000']));
  });

  it('stops between layers when cancelled', async () => {
    const image = await renderLogo(colourLogos(24)[3] as { name: string; svg: string });
    const controller = new AbortController();
    controller.abort();
    await expect(traceColorToSvg(image, {}, { signal: controller.signal })).rejects.toThrow();
  });
});
