import { describe, expect, it } from 'vitest';
import { masterArtwork } from '../../../src/main/core/pipeline/processors/artwork/master-artwork.ts';
import {
  scoreFullColour,
  scoreFullColourOnPaper,
  scoreOneColour,
} from '../../../src/main/core/pipeline/processors/artwork/score.ts';
import { OPAQUE_ALPHA, type RgbaImage } from '../../../src/main/core/pipeline/processors/raster/rgba.ts';
import { trace } from '../../../src/main/core/pipeline/processors/trace.ts';
import { traceColor } from '../../../src/main/core/pipeline/processors/trace-color.ts';
import { renderSvg } from '../../../src/main/core/pipeline/processors/vector/fidelity.ts';
import {
  CREAM_ON_BROWN,
  deviconSvg,
  flagSvg,
  iconifySvg,
  onWhite,
  simpleIconSvg,
  svgInput,
  YELLOW_IN_BLUE,
} from './artwork-corpus.ts';
import { context, decode, rasterise } from './helpers.ts';

async function runTrace(svgOrInput: string | Awaited<ReturnType<typeof svgInput>>) {
  const input = typeof svgOrInput === 'string' ? await svgInput(svgOrInput) : svgOrInput;
  const result = await trace.run(input, trace.options.parse({}), context());
  const svg = new TextDecoder().decode(result.files[0]?.bytes);
  const facts = result.facts as { fidelity: { iou: number; belowThreshold: boolean }; fill: string; knockout: boolean };
  return { input, svg, facts };
}

function alphaAt(image: RgbaImage, fx: number, fy: number): number {
  const x = Math.min(image.width - 1, Math.round(fx * image.width));
  const y = Math.min(image.height - 1, Math.round(fy * image.height));
  return image.data[(y * image.width + x) * 4 + 3] as number;
}

function lightnessOfHex(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((k) => Number.parseInt(hex.slice(k, k + 2), 16) / 255) as [number, number, number];
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const y = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}

describe('honest fidelity: scored against the master, never the recipe mask', () => {
  it('a deliberately wrong one-colour output scores low: the inverted trace and the filled disc', async () => {
    const input = await svgInput(iconifySvg('bitcoin'));
    const { image } = await masterArtwork(input, 512);
    const right = await runTrace(input);
    const rendered = await renderSvg(right.svg, 1024, 1024);
    // The real trace, scored at 512 against the 512 master: high.
    const small = await decode(
      new Uint8Array(await (await import('sharp')).default(Buffer.from(right.svg)).resize(512, 512).png().toBuffer()),
    );
    expect(scoreOneColour(image, small).iou).toBeGreaterThan(0.97);
    expect(rendered.width).toBe(1024);

    // Inverted: ink where the master has paper.
    const inverted: RgbaImage = { ...small, data: new Uint8Array(small.data) };
    for (let i = 3; i < inverted.data.length; i += 4) inverted.data[i] = 255 - (inverted.data[i] as number);
    const invertedScore = scoreOneColour(image, inverted);
    expect(invertedScore.iou).toBeLessThan(0.1);
    expect(invertedScore.belowThreshold).toBe(true);

    // A filled disc: the coin without its glyph (what the old trace made, scored 1.0 against its own mask).
    const disc = await rasterise(
      '<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><circle cx="256" cy="256" r="256"/></svg>',
    );
    const discScore = scoreOneColour(image, disc);
    expect(discScore.iou).toBeLessThan(0.9);
    expect(discScore.belowThreshold).toBe(true);
  });

  it('a full-colour output in the wrong colours scores low', async () => {
    const input = await svgInput(flagSvg('br'));
    const { image } = await masterArtwork(input, 400);
    const recoloured: RgbaImage = { ...image, data: new Uint8Array(image.data) };
    for (let i = 0; i < recoloured.data.length; i += 4) {
      recoloured.data[i] = 255 - (recoloured.data[i] as number);
      recoloured.data[i + 1] = 255 - (recoloured.data[i + 1] as number);
    }
    expect(scoreFullColour(image, image).belowThreshold).toBe(false);
    const wrong = scoreFullColour(image, recoloured);
    expect(wrong.meanColorError).toBeGreaterThan(30);
    expect(wrong.belowThreshold).toBe(true);
  });
});

describe('bilevel trace follows the one-colour rule (issue 12, items 4 and 5)', () => {
  it('coin marks keep their white glyph as a hole, and score >= 0.99 against the master ink', async () => {
    // XRP is not in the Iconify set: a white glyph on a dark disc drawn like it stands in.
    const xrpLike =
      '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><circle cx="128" cy="128" r="128" fill="#23292f"/>' +
      '<path d="M70 70h30l28 30 28-30h30l-43 45q-15 15-30 0zM70 186h30l28-30 28 30h30l-43-45q-15-15-30 0z" fill="#fff"/></svg>';
    for (const [name, svg] of [
      ['bitcoin', iconifySvg('bitcoin')],
      ['ethereum-color', iconifySvg('ethereum-color')],
      ['xrp-like', xrpLike],
    ] as const) {
      const { svg: traced, facts } = await runTrace(svg);
      expect(facts.fidelity.iou, name).toBeGreaterThanOrEqual(0.99);
      expect(facts.fidelity.belowThreshold, name).toBe(false);
      if (name === 'bitcoin') {
        expect(facts.knockout).toBe(true);
        const rendered = await renderSvg(traced, 1024, 1024);
        // The glyph's stem (white in the master) is a hole in the trace; the disc rim is ink.
        expect(alphaAt(rendered, 0.5, 0.5)).toBeLessThan(OPAQUE_ALPHA);
        expect(alphaAt(rendered, 0.5, 0.05)).toBeGreaterThanOrEqual(OPAQUE_ALPHA);
      }
    }
  });

  it('flags and matplotlib are never traced white on white', async () => {
    for (const svg of [flagSvg('us'), flagSvg('br'), deviconSvg('matplotlib')]) {
      const { facts } = await runTrace(svg);
      expect(lightnessOfHex(facts.fill)).toBeLessThan(80);
      expect(facts.fidelity.iou).toBeGreaterThanOrEqual(0.98);
    }
  });

  it('light details that are not white become holes: cream on brown, yellow in blue', async () => {
    for (const svg of [CREAM_ON_BROWN, YELLOW_IN_BLUE]) {
      const { svg: traced, facts } = await runTrace(svg);
      expect(facts.knockout).toBe(true);
      expect(facts.fidelity.iou).toBeGreaterThanOrEqual(0.99);
      const rendered = await renderSvg(traced, 200, 200);
      expect(alphaAt(rendered, 0.5, 0.5)).toBeLessThan(OPAQUE_ALPHA);
      expect(alphaAt(rendered, 0.5, 0.2)).toBeGreaterThanOrEqual(OPAQUE_ALPHA);
    }
  });

  it('a dark mark on white that touches the edges traces the mark (spdx, unsplash at 1024 px)', async () => {
    for (const slug of ['spdx', 'unsplash']) {
      const svg = simpleIconSvg(slug);
      const { svg: traced, facts } = await runTrace(await onWhite(svg, 'png', 1024, slug));
      // Truth: the mark's own coverage on a transparent render.
      const truth = await (await import('../../../src/main/core/pipeline/processors/raster/decode.ts')).decodeToRgba(
        new TextEncoder().encode(svg),
        'svg',
        { size: 1024 },
      );
      const rendered = await renderSvg(traced, truth.width, truth.height);
      let inter = 0;
      let union = 0;
      for (let i = 3; i < truth.data.length; i += 4) {
        const a = (truth.data[i] as number) >= OPAQUE_ALPHA;
        const b = (rendered.data[i] as number) >= OPAQUE_ALPHA;
        if (a && b) inter++;
        if (a || b) union++;
      }
      expect(inter / union, slug).toBeGreaterThanOrEqual(0.99);
      expect(facts.fidelity.belowThreshold, slug).toBe(false);
    }
  });

  it('the colour trace is scored on the master pixels and keeps a flag field', async () => {
    const input = await svgInput(flagSvg('br'));
    const result = await traceColor.run(input, traceColor.options.parse({}), context());
    const facts = result.facts as { fidelity: { iou: number; meanColorError: number; reference: string } };
    expect(facts.fidelity.reference).toBe('master');
    expect(facts.fidelity.iou).toBeGreaterThanOrEqual(0.99);
    expect(facts.fidelity.meanColorError).toBeLessThanOrEqual(2);
  });

  it('a master on white is judged on its paper: art the paper decision let go counts as missed', async () => {
    // A red disc and grey lettering on white; the "decided" image keeps only the disc, as a
    // decision that took the grey for paper would. Against that image, an output without the
    // grey scores perfect; on paper, against the plain master, it cannot.
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><circle cx="60" cy="100" r="40" fill="#d62828"/>' +
      '<rect x="120" y="40" width="60" height="120" fill="#8a8a8a"/></svg>';
    const { master: plain } = await masterArtwork(await onWhite(svg, 'png', 200), 200);
    const onlyDisc = await rasterise(svg.replace(/<rect[^>]*\/>/, ''));
    expect(scoreFullColour(onlyDisc, onlyDisc).meanColorError).toBe(0);
    const missed = scoreFullColourOnPaper(plain, onlyDisc, [255, 255, 255], onlyDisc);
    expect(missed.meanColorError).toBeGreaterThan(10);
    expect(missed.belowThreshold).toBe(true);
    const whole = await rasterise(svg);
    expect(scoreFullColourOnPaper(plain, onlyDisc, [255, 255, 255], whole).meanColorError).toBeLessThan(0.5);
  });

  it("the colour trace of nano's fine grey lettering on white warns: judged on paper, not on its own edges", async () => {
    // devicon's nano holds ASCII art in thin grey strokes; un-mixed from the white, their colours
    // are the trace's own, and laid back on white they read darker than the scan. Scored against
    // the decided image: 0.19; on paper: 3.5 (the bench measures 3.2 against the transparent master).
    const input = await onWhite(deviconSvg('nano'), 'png', 1024, 'nano');
    const result = await traceColor.run(input, traceColor.options.parse({ size: 1024 }), context());
    const facts = result.facts as { fidelity: { meanColorError: number; belowThreshold: boolean }; warnings: string[] };
    expect(facts.fidelity.meanColorError).toBeGreaterThan(2);
    expect(facts.fidelity.belowThreshold).toBe(true);
    expect(facts.warnings.join(' ')).toMatch(/colour trace does not match the master/);
  });

  it("the colour trace of Jekyll's wordmark on white warns: the light end of its grey gradient went with the paper", async () => {
    // The letters fade from grey to white; on white their light end is removed as paper. Pixels
    // 5 to 12 from the paper were not counted as art, and the score read 1.2 where the bench
    // measures 2.5 against the transparent master; counted from the decision's own paper match
    // (5), it reads 2.2.
    const input = await onWhite(deviconSvg('jekyll', 'original-wordmark'), 'png', 1024, 'jekyll');
    const result = await traceColor.run(input, traceColor.options.parse({ size: 1024 }), context());
    const facts = result.facts as { fidelity: { meanColorError: number; belowThreshold: boolean } };
    expect(facts.fidelity.meanColorError).toBeGreaterThan(2);
    expect(facts.fidelity.belowThreshold).toBe(true);
  });
});

describe('a small raster is enlarged before tracing (issue 12, item 11)', () => {
  it('a 64 px disc traces as a round disc, and the trace says it was enlarged', async () => {
    const disc = (size: number) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><circle cx="${size / 2}" cy="${size / 2}" r="${size * 0.4}" fill="#1d3557"/></svg>`;
    const sharp = (await import('sharp')).default;
    const small = new Uint8Array(
      await sharp(Buffer.from(disc(64)))
        .png()
        .toBuffer(),
    );
    const input = { master: small, format: 'png' as const, isVector: false, width: 64, height: 64, name: 'dot' };
    const result = await trace.run(input, trace.options.parse({}), context());
    const facts = result.facts as { warnings: string[]; width: number };
    expect(facts.width).toBe(512);
    expect(facts.warnings.join(' ')).toMatch(/enlarged 8× before tracing/);
    // Against the ideal disc at 512 px: the staircase of 64 px is gone.
    const traced = await renderSvg(new TextDecoder().decode(result.files[0]?.bytes), 512, 512);
    const ideal = await rasterise(disc(512));
    let inter = 0;
    let union = 0;
    for (let i = 3; i < ideal.data.length; i += 4) {
      const a = (ideal.data[i] as number) >= OPAQUE_ALPHA;
      const b = (traced.data[i] as number) >= OPAQUE_ALPHA;
      if (a && b) inter++;
      if (a || b) union++;
    }
    expect(inter / union).toBeGreaterThan(0.995);
  });
});
