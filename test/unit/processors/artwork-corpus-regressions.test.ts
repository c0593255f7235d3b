import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clipper, FillRule, type PathsD } from 'clipper2-ts';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import {
  oneColourOutline,
  oneColourRole,
} from '../../../src/main/core/pipeline/processors/artwork/knockout-geometry.ts';
import {
  REF_INK,
  REF_UNSURE,
  referenceInk,
  referenceIoU,
} from '../../../src/main/core/pipeline/processors/artwork/one-colour-mask.ts';
import { scoreOneColourPdf } from '../../../src/main/core/pipeline/processors/pdf/one-colour-score.ts';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import type { RgbaImage } from '../../../src/main/core/pipeline/processors/raster/rgba.ts';
import { parseSvgArt } from '../../../src/main/core/pipeline/processors/svg/parse-svg.ts';
import { trace } from '../../../src/main/core/pipeline/processors/trace.ts';
import { traceColor } from '../../../src/main/core/pipeline/processors/trace-color.ts';
import { deviconSvg, flagSvg, onWhite } from './artwork-corpus.ts';
import { context, decode, pixel, svgInput } from './helpers.ts';
import { ghostscriptRgba } from './render-compare.ts';

const dir = mkdtempSync(join(tmpdir(), 'marque-corpus-regressions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** librsvg's render of the master, transparent where the art is not. */
async function master(svg: string, width: number, height: number): Promise<RgbaImage> {
  return decode(
    new Uint8Array(
      await sharp(Buffer.from(svg), { density: 288 }).resize(width, height, { fit: 'fill' }).png().toBuffer(),
    ),
  );
}

/** Ghostscript's render with alpha (what a cutter sees as covered). */
const ghostscript = (bytes: Uint8Array, width: number, height: number): Promise<RgbaImage> =>
  ghostscriptRgba(bytes, width, height, { antialias: true });

const covered = (image: RgbaImage) => (i: number) => (image.data[i * 4 + 3] as number) >= 128;

async function blackPdfIoU(
  input: Awaited<ReturnType<typeof svgInput>>,
  svg: string,
  [width, height] = [512, 384],
): Promise<{ iou: number; facts: Record<string, unknown> }> {
  const result = await pdf.run(input, pdf.options.parse({ variants: ['black'] }), context());
  const reference = referenceInk(await master(svg, width, height));
  const rendered = await ghostscript(result.files[0]?.bytes as Uint8Array, width, height);
  return { iou: referenceIoU(reference, covered(rendered)), facts: result.facts ?? {} };
}

describe('whole-corpus faults, fixed', () => {
  it('outlines a stroke under a non-uniform scale with the pen it has (Catalan stripes)', async () => {
    const svg = flagSvg('es-ct');
    expect(svg).toMatch(/stroke-width="60"[^>]*scale\(\.79012 \.88889\)/);
    // Measured 1.0; 0.931 before.
    const { iou, facts } = await blackPdfIoU(await svgInput(svg, 'es-ct'), svg);
    expect(iou).toBeGreaterThan(0.99);
    expect(facts.oneColour).toBe('shapes');
  });

  it("draws a raster's one-colour PDF from its bilevel trace: Bhutan's dragon keeps its lines", async () => {
    const svg = flagSvg('bt');
    // Measured 0.998; 0.949 before.
    const { iou, facts } = await blackPdfIoU(await onWhite(svg, 'png', 1024, 'bt'), svg);
    expect(iou).toBeGreaterThan(0.98);
    expect(facts.oneColour).toBe('traced');
  });

  it.each([
    ['linux', 'original'],
    ['gentoo', 'original-wordmark'],
  ])('applies the one-colour rule to the pixels of shading: devicon %s-%s', async (name, variant) => {
    const svg = deviconSvg(name, variant);
    // Measured 0.9997 and 0.9965; 0.745 and 0.483 before.
    const { iou, facts } = await blackPdfIoU(await svgInput(svg, name), svg, [512, 512]);
    expect(iou).toBeGreaterThan(0.99);
    expect(facts).toMatchObject({ oneColour: 'traced', knockout: true });
  });

  it("keeps a vector's white field in the colour trace (Japan), and Remove still takes it out", async () => {
    const input = await svgInput(flagSvg('jp'), 'jp');
    const kept = await traceColor.run(input, traceColor.options.parse({ size: 640 }), context());
    expect((kept.facts as { background: { kind: string } }).background.kind).toBe('none');
    const rendered = await decode(
      new Uint8Array(
        await sharp(kept.files[0]?.bytes as Uint8Array)
          .png()
          .toBuffer(),
      ),
    );
    expect(pixel(rendered, 10, 10)).toEqual([255, 255, 255, 255]);
    expect((kept.facts as { fidelity: { meanColorError: number } }).fidelity.meanColorError).toBeLessThan(1);
    const removed = await traceColor.run(
      { ...input, artwork: { background: 'remove', threshold: null } },
      traceColor.options.parse({ size: 640 }),
      context(),
    );
    const cut = await decode(
      new Uint8Array(
        await sharp(removed.files[0]?.bytes as Uint8Array)
          .png()
          .toBuffer(),
      ),
    );
    expect(pixel(cut, 10, 10)[3]).toBe(0);
  });

  it.each(['ec', 'mx'])('combines a detailed emblem tile by tile to the same outline as whole: %s', (code) => {
    const art = parseSvgArt(flagSvg(code), code);
    const outline = (tiling: 'auto' | 'never') =>
      oneColourOutline(art.items, art.rootMatrix, oneColourRole(null), undefined, tiling);
    const area = (paths: PathsD) => Math.abs(paths.reduce((sum, path) => sum + Clipper.areaD(path), 0));
    const tiled = outline('auto');
    const whole = outline('never');
    expect(area(tiled)).toBeGreaterThan(1000);
    // Measured 0.05 and 0.002 pt² (seams on the 0.001 pt grid); 337 pt² with clipper's rectangle clip.
    expect(area(Clipper.xorD(tiled, whole, FillRule.NonZero, 3))).toBeLessThan(0.5);
  });

  it("scores the one-colour PDFs honestly: Catalonia's own art passes, another flag's art fails", async () => {
    const input = await svgInput(flagSvg('es-ct'), 'es-ct');
    const own = parseSvgArt(flagSvg('es-ct'), 'es-ct');
    const wrong = parseSvgArt(flagSvg('gb-eng'), 'gb-eng');
    expect((await scoreOneColourPdf(input, own, true)).belowThreshold).toBe(false);
    const scored = await scoreOneColourPdf(input, wrong, true);
    expect(scored.belowThreshold).toBe(true);
    expect(scored.iou).toBeLessThan(0.5);
  });

  it('takes the rule itself as the reference when the darkest ink is near the threshold (Grails)', async () => {
    const input = await svgInput(deviconSvg('grails'), 'grails');
    const result = await trace.run(input, trace.options.parse({}), context());
    const fidelity = result.facts?.fidelity as { iou: number; belowThreshold: boolean };
    // Measured 0.9996; 0 before (nothing counted as sure ink).
    expect(fidelity.iou).toBeGreaterThan(0.99);
    expect(fidelity.belowThreshold).toBe(false);
    // Still honest: the disc without its white cut-outs scores low against the same reference.
    const image = await master(deviconSvg('grails'), 512, 512);
    const reference = referenceInk(image);
    const solidDisc = (i: number) => (image.data[i * 4 + 3] as number) >= 128;
    expect(referenceIoU(reference, solidDisc)).toBeLessThan(0.8);
  });

  it('refuses a white logo on white paper with a reason, instead of an empty trace', async () => {
    const input = await onWhite(deviconSvg('datatables'), 'png', 512, 'datatables');
    const refusal = {
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^datatables: nothing to draw: .*#ffffff/),
    };
    await expect(trace.run(input, trace.options.parse({}), context())).rejects.toMatchObject(refusal);
    await expect(traceColor.run(input, traceColor.options.parse({}), context())).rejects.toMatchObject(refusal);
    await expect(pdf.run(input, pdf.options.parse({}), context())).rejects.toMatchObject(refusal);
    // The same logo as its SVG master is traced as usual.
    const svg = await trace.run(
      await svgInput(deviconSvg('datatables'), 'datatables'),
      trace.options.parse({}),
      context(),
    );
    expect(new TextDecoder().decode(svg.files[0]?.bytes)).toMatch(/<path /);
  });

  it('leaves mixed edge pixels out of the one-colour reference, and still scores a wrong output low', async () => {
    const svg = flagSvg('es-ct');
    const image = await master(svg, 512, 384);
    const reference = referenceInk(image);
    // Row 42 at column 256 mixes a third of red stripe with yellow: unsure, not ink.
    const at = (x: number, y: number) => reference[y * image.width + x];
    expect(at(256, 42)).toBe(REF_UNSURE);
    expect(at(256, 60)).toBe(REF_INK);
    // The master's own ink scores 1 against it.
    const own = referenceInk(image);
    expect(referenceIoU(reference, (i) => own[i] === REF_INK)).toBe(1);
    // Stripes drawn 3 px thin on each side (what the round-pen outline did, a little worse).
    const thin = (i: number) => {
      const y = Math.floor(i / image.width);
      return [0, -3, 3].every((dy) => reference[(y + dy) * image.width + (i % image.width)] === REF_INK);
    };
    expect(referenceIoU(reference, thin)).toBeLessThan(0.9);
  });
});
