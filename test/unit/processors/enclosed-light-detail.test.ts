/**
 * devicon's CSS3 shield holds light grey (#ebebeb) facets next to white ones. Rendered opaque on
 * white, the grey is within the paper tolerance (ΔE76 7 from white) and enclosed by the shield, so
 * it was removed as "paper inside letters": the colour trace lost it (ΔE76 0.79, vtracer 0.26).
 * Enclosed paper is now only the paper colour itself; a light patch that differs stays art, while
 * white counters and JPEG rims still go.
 */

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { masterArtwork } from '../../../src/main/core/pipeline/processors/artwork/master-artwork.ts';
import { traceColor } from '../../../src/main/core/pipeline/processors/trace-color.ts';
import { deviconSvg, iconifySvg, onWhite } from './artwork-corpus.ts';
import { context, inputFrom } from './helpers.ts';

describe('light details enclosed by art on a white master', () => {
  const svg = deviconSvg('css3');

  it('keeps the light grey facets of the CSS3 shield and the colour trace paints them', async () => {
    const result = await traceColor.run(
      await onWhite(svg, 'png', 1024, 'css3'),
      traceColor.options.parse({}),
      context(),
    );
    const palette = ((result.facts?.palette ?? []) as { hex: string }[]).map((colour) => colour.hex);
    expect(palette).toContain('#ebebeb');
    // The grey is painted as a layer of its own, not left as a hole.
    const traced = new TextDecoder().decode(result.files[0]?.bytes);
    expect(traced).toMatch(/fill="#ebebeb"/i);
  });

  it('still removes white paper enclosed by the art, JPEG noise and all', async () => {
    for (const format of ['png', 'jpeg'] as const) {
      const { image } = await masterArtwork(await onWhite(svg, format, 512, 'css3'), 512);
      // The white top bar of the "3" (x 66-98, y 23-37 of 128) is enclosed paper on a white master.
      const at = (x: number, y: number): number =>
        image.data[(Math.round((y / 128) * 512) * 512 + Math.round((x / 128) * 512)) * 4 + 3] as number;
      expect(at(80, 30)).toBe(0);
      // The grey facet left of it (x 30-64, y 23-37) stays opaque.
      expect(at(45, 30)).toBe(255);
    }
  });

  it('leaves no JPEG noise standing in the counters of a wordmark saved at quality 50', async () => {
    const svg = iconifySvg('google');
    const meta = await sharp(Buffer.from(svg)).metadata();
    const scale = 1024 / Math.max(meta.width ?? 1024, meta.height ?? 1024);
    const jpeg = await sharp(Buffer.from(svg), { density: 72 * scale })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 50 })
      .toBuffer();
    const { image } = await masterArtwork(await inputFrom(new Uint8Array(jpeg), 'jpeg', 'Google'), 1024);
    let light = 0;
    for (let i = 0; i < image.data.length; i += 4)
      if (
        (image.data[i + 3] as number) === 255 &&
        Math.min(image.data[i] as number, image.data[i + 1] as number, image.data[i + 2] as number) >= 225
      )
        light++;
    expect(light / (image.width * image.height)).toBeLessThan(0.001);
  });
});
