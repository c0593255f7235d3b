/**
 * devicon's Xcode icon shades its hammer with gradients that fade to transparent (stop-opacity 0).
 * The full-colour PDF keeps them as soft masks. Drawn as pdfkit writes them (a DeviceGray
 * luminosity mask), Ghostscript read the mask through a gamma and drew every fade far lighter
 * than librsvg and poppler do (GIMP's shadow: 1.9 % of pixels off by L* > 20). The mask is now an
 * sRGB grey, which both renderers read as the master means.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import { deviconSvg } from './artwork-corpus.ts';
import { context, svgInput } from './helpers.ts';
import { type Flat, renderPdf, renderPdfGs, renderSvg } from './render-compare.ts';

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

  it('keeps the fades in Ghostscript and in poppler alike, against librsvg, with no warning', async () => {
    const result = await pdf.run(
      await svgInput(svg, 'xcode'),
      pdf.options.parse({ variants: ['full-color'] }),
      context(),
    );
    const facts = result.facts as { warnings: string[] };
    expect(facts.warnings.join('\n')).not.toMatch(/fade|soft mask/i);
    const full = result.files[0];
    if (!full) throw new Error('no full-colour PDF');
    // The radial shadow right of the hammer's neck, against the plain blue below it.
    const shadowDepth = (image: Flat): number => lightness(image, 200, 75) - lightness(image, 210, 150);
    const master = shadowDepth(await renderSvg(svg, 256, 256));
    expect(master).toBeLessThan(-15);
    for (const render of [renderPdf, renderPdfGs]) {
      const output = shadowDepth(await render(full.bytes, 256, 256));
      // Within a quarter of the master's depth (a DeviceGray mask in Ghostscript: -0.1 for -21).
      expect(Math.abs(output - master), render.name).toBeLessThan(-master / 4);
    }
  });

  it('tags the fade in PDF/X as ICC-based sRGB grey: no device RGB', async () => {
    const result = await pdf.run(
      await svgInput(svg, 'xcode'),
      pdf.options.parse({ variants: ['full-color'], pdfx: true }),
      context(),
    );
    const bytes = result.files[0]?.bytes;
    if (!bytes) throw new Error('no full-colour PDF');
    const dir = mkdtempSync(join(tmpdir(), 'marque-fade-'));
    try {
      writeFileSync(join(dir, 'in.pdf'), bytes);
      const check = execFileSync('qpdf', ['--check', join(dir, 'in.pdf')], { encoding: 'utf8' });
      expect(check).toMatch(/No syntax or stream encoding errors/);
      execFileSync('qpdf', ['--qdf', '--object-streams=disable', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
      const uncompressed = readFileSync(join(dir, 'out.pdf'), 'latin1');
      expect(uncompressed).not.toMatch(/DeviceRGB/);
      // One sRGB profile for the document's four fades.
      expect(uncompressed.match(/\/ICCBased/g)?.length).toBe(4);
      expect(uncompressed.match(/\/N 3\b/g)?.length).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
