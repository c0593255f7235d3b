/**
 * devicon's Xcode icon shades its hammer with gradients that fade to transparent (stop-opacity 0).
 * The full-colour PDF keeps them as soft masks (poppler draws them as librsvg does), but
 * Ghostscript draws them lighter (1.7 % of pixels off by L* > 20): the job now says so, naming the
 * feature, instead of handing over the PDF with `warnings: []`.
 */
import { describe, expect, it } from 'vitest';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { deviconSvg } from './artwork-corpus.ts';
import { context, svgInput } from './helpers.ts';
import { type Flat, renderPdf, renderSvg } from './render-compare.ts';

/** CIE L* of one pixel. */
function lightness(image: Flat, x: number, y: number): number {
  const o = (y * image.width + x) * 3;
  const lin = (c: number): number => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance =
    0.2126 * lin(image.rgb[o] as number) +
    0.7152 * lin(image.rgb[o + 1] as number) +
    0.0722 * lin(image.rgb[o + 2] as number);
  return 116 * (luminance > 216 / 24389 ? Math.cbrt(luminance) : ((24389 / 27) * luminance + 16) / 116) - 16;
}

describe('full-colour PDF of a logo with gradients fading to transparent', () => {
  const svg = deviconSvg('xcode');

  it('keeps the fades (poppler against librsvg) and warns, naming the feature', async () => {
    const result = await pdf.run(
      await svgInput(svg, 'xcode'),
      pdf.options.parse({ variants: ['full-color'] }),
      context(),
    );
    const facts = result.facts as { warnings: string[] };
    expect(facts.warnings.join('\n')).toMatch(/fade to transparent \(stop-opacity, 4 shapes/);
    const full = result.files[0];
    if (!full) throw new Error('no full-colour PDF');
    // The radial shadow right of the hammer's neck, against the plain blue below it.
    const shadowDepth = (image: Flat): number => lightness(image, 200, 75) - lightness(image, 210, 150);
    const master = shadowDepth(await renderSvg(svg, 256, 256));
    const output = shadowDepth(await renderPdf(full.bytes, 256, 256));
    expect(master).toBeLessThan(-15);
    expect(output).toBeLessThan(master / 2);
  });

  it('gives no such warning for a logo whose gradients are opaque', async () => {
    const result = await pdf.run(
      await svgInput(deviconSvg('css3'), 'css3'),
      pdf.options.parse({ variants: ['full-color'] }),
      context(),
    );
    expect((result.facts as { warnings: string[] }).warnings.join('\n')).not.toMatch(/fade to transparent/);
  });
});
