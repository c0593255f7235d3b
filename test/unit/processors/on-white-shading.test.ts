import { describe, expect, it } from 'vitest';
import { masterArtwork } from '../../../src/main/core/pipeline/processors/artwork/master-artwork.ts';
import type { RgbaImage } from '../../../src/main/core/pipeline/processors/raster/rgba.ts';
import { removeBackgroundProcessor } from '../../../src/main/core/pipeline/processors/remove-background.ts';
import { traceColor } from '../../../src/main/core/pipeline/processors/trace-color.ts';
import { deviconSvg, onWhite, renderAt, traceIoUAgainst } from './artwork-corpus.ts';
import { context } from './helpers.ts';

/** IoU of the bilevel trace of the logo on white against the master's own ink. */
async function onWhiteTraceIoU(svg: string, name: string): Promise<number> {
  return traceIoUAgainst(svg, await onWhite(svg, 'png', 1024, name));
}

describe('a logo on white paper', () => {
  it("keeps a light grey hairline as ink (django REST's construction lines)", async () => {
    // Measured 0.976; 0.952 when the hairlines were un-mixed to faint black and cut.
    expect(await onWhiteTraceIoU(deviconSvg('djangorest'), 'djangorest')).toBeGreaterThan(0.97);
  });

  it("keeps the edges of babel's black scratches black where they touch its yellow letters", async () => {
    const svg = deviconSvg('babel');
    const input = await onWhite(svg, 'png', 1024, 'babel');
    const { image } = await masterArtwork(input, 1024);
    const master = await renderAt(svg, image.width, image.height);
    // Master pixels of black ink (mostly covered) that the paper's removal painted yellow: each
    // edge pixel was un-mixed with the nearest solid colour, the letter's, however little it fit.
    let turnedYellow = 0;
    for (let i = 0; i < master.data.length; i += 4) {
      const darkInk = (master.data[i + 3] as number) >= 192 && (master.data[i] as number) < 60;
      const yellow = (image.data[i + 3] as number) >= 128 && (image.data[i + 2] as number) < 120;
      if (darkInk && yellow && (image.data[i] as number) > 200) turnedYellow++;
    }
    // Measured 0 (81 before).
    expect(turnedYellow).toBeLessThan(10);
    expect(await traceIoUAgainst(svg, input)).toBeGreaterThan(0.985);
  });

  it('leaves a soft drop shadow out of the one-colour trace (Wilber, Tux)', async () => {
    // Measured 0.9993 and 0.9987; 0.947 and 0.939 when the shadows were traced as ink.
    expect(await onWhiteTraceIoU(deviconSvg('gimp'), 'gimp')).toBeGreaterThan(0.99);
    expect(await onWhiteTraceIoU(deviconSvg('linux'), 'linux')).toBeGreaterThan(0.99);
  });

  it('gives the shadow back the translucency it had in the master', async () => {
    const svg = deviconSvg('gimp');
    const decided = await masterArtwork(await onWhite(svg, 'png', 1024, 'gimp'), 1024);
    expect(decided.shadeShare).toBeGreaterThan(0.02);
    const master = await renderAt(svg, decided.image.width, decided.image.height);
    // Under Wilber's chin (300, 760 of 1024): black at alpha 61 in the master.
    const at = (image: RgbaImage) =>
      image.data.subarray((760 * image.width + 300) * 4, (760 * image.width + 300) * 4 + 4);
    const [r, g, b, alpha] = at(decided.image);
    expect(Math.abs((alpha as number) - (at(master)[3] as number))).toBeLessThan(12);
    expect(Math.max(r as number, g as number, b as number)).toBeLessThan(40);
  });

  it('keeps drawn grey as art: a flat grey disc, and the grey faces and hairlines of the PyPI cubes', async () => {
    const disc =
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><circle cx="200" cy="200" r="120" fill="#bbbbbb"/></svg>';
    for (const [svg, name] of [
      [disc, 'grey disc'],
      [deviconSvg('pypi', 'original-wordmark'), 'pypi'],
    ] as const) {
      const decided = await masterArtwork(await onWhite(svg, 'png', 1024, name), 1024);
      expect(decided.shadeShare, name).toBe(0);
    }
  });

  it('finds a shadow drawn as a grey radial fade under a mark, and leaves the mark alone', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">' +
      '<defs><radialGradient id="s"><stop offset="0" stop-color="#000" stop-opacity="0.35"/>' +
      '<stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient></defs>' +
      '<ellipse cx="200" cy="330" rx="150" ry="40" fill="url(#s)"/>' +
      '<rect x="120" y="80" width="160" height="240" fill="#1a4fa0"/></svg>';
    const decided = await masterArtwork(await onWhite(svg, 'png', 400, 'shadowed'), 400);
    expect(decided.shadeShare).toBeGreaterThan(0.01);
    const alphaAt = (x: number, y: number) => decided.image.data[(y * 400 + x) * 4 + 3] as number;
    expect(alphaAt(200, 200)).toBe(255); // the mark
    expect(alphaAt(90, 330)).toBeLessThan(128); // the shadow beside it, translucent
  });

  it('says when faint fills went with the paper: the replit wordmark (#f5f9fc) on white, in the colour trace and the cut-out', async () => {
    const svg = deviconSvg('replit', 'original-wordmark');
    const input = await onWhite(svg, 'png', 1024, 'replit');
    const decided = await masterArtwork(input, 1024);
    // Measured 4.4 % of the canvas: the lettering, 3 from white, drawn for dark backgrounds.
    expect(decided.faintArt?.colour).toBe('#f5f9fc');
    expect(decided.faintArt?.share).toBeGreaterThan(0.02);
    // The details panel shows the decision's reason: the faint fill is named there before any output.
    expect(decided.decision.reason).toMatch(
      /Light fills close to the paper colour \(#f5f9fc, 4\.\d % of the canvas\) went with it/,
    );
    const results = [
      await traceColor.run(input, traceColor.options.parse({}), context()),
      await removeBackgroundProcessor.run(input, removeBackgroundProcessor.options.parse({}), context()),
    ];
    for (const result of results) {
      const warnings = (result.facts as { warnings: string[] }).warnings;
      expect(warnings.some((w) => w.includes('#f5f9fc') && w.includes('taken as paper'))).toBe(true);
    }
  });

  it('reports no faint fills for JPEG noise, shading or light art kept as art', async () => {
    // JPEG ringing round dark letters, a soft shadow (gimp), a light grey drawn fill (ΔE 7 from
    // white, kept as art): none of them is faint art lost with the paper.
    for (const [name, input] of [
      ['express (JPEG)', await onWhite(deviconSvg('express', 'original-wordmark'), 'jpeg', 1024, 'express')],
      ['gimp', await onWhite(deviconSvg('gimp'), 'png', 1024, 'gimp')],
      ['css3', await onWhite(deviconSvg('css3'), 'jpeg', 1024, 'css3')],
    ] as const) {
      expect((await masterArtwork(input, 1024)).faintArt, name).toBeNull();
    }
  });
});
