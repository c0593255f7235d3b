/**
 * The Vatican flag's emblem (flag-icons `va`) is drawn in lines one or two pixels wide at 1024 px.
 * potrace's smoothing (alphamax 0.8) rounds their corners off: the bilevel trace covered the
 * master's ink at IoU 0.972. When a trace misses the bound, a sharper one (alphamax 0.5) is tried
 * and the closer kept: 0.980. Logos that already pass keep their first trace.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { referenceInk, referenceIoU } from '../../../src/main/core/pipeline/processors/artwork/one-colour-mask.ts';
import type { RgbaImage } from '../../../src/main/core/pipeline/processors/raster/rgba.ts';
import { trace } from '../../../src/main/core/pipeline/processors/trace.ts';
import { flagSvg } from './artwork-corpus.ts';
import { context, svgInput } from './helpers.ts';

/** librsvg's render at exactly width x height, with alpha. */
async function render(svg: string | Uint8Array, width: number, height: number): Promise<RgbaImage> {
  const bytes = Buffer.from(svg);
  const meta = await sharp(bytes).metadata();
  const density = 72 * Math.max(width / (meta.width ?? width), height / (meta.height ?? height));
  const { data } = await sharp(bytes, { density })
    .resize(width, height, { fit: 'fill' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

async function traceIoU(code: string): Promise<number> {
  const svg = flagSvg(code);
  const result = await trace.run(await svgInput(svg, code), trace.options.parse({ size: 1024 }), context());
  const [width, height] = [1024, 768];
  const master = await render(svg, width, height);
  const traced = await render(result.files[0]?.bytes as Uint8Array, width, height);
  return referenceIoU(referenceInk(master), (i) => (traced.data[i * 4 + 3] as number) >= 128);
}

describe('bilevel trace of thin-line art', () => {
  it('follows the thin lines of the Vatican emblem closer than the default smoothing', async () => {
    expect(await traceIoU('va')).toBeGreaterThan(0.978);
  });

  it('leaves a logo that already traces within the bound as it was', async () => {
    expect(await traceIoU('us')).toBeGreaterThanOrEqual(0.99);
  });
});
