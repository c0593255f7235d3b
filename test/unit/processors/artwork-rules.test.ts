import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProcessorInput } from '../../../src/main/core/pipeline/processor.ts';
import { masterArtwork } from '../../../src/main/core/pipeline/processors/artwork/master-artwork.ts';
import {
  scoreFullColour,
  scoreFullColourOnPaper,
  scoreOneColour,
} from '../../../src/main/core/pipeline/processors/artwork/score.ts';
import { faviconProcessor } from '../../../src/main/core/pipeline/processors/favicon/favicon-processor.ts';
import { buildLogoPackage } from '../../../src/main/core/pipeline/processors/package/package-processor.ts';
import { paletteProcessor } from '../../../src/main/core/pipeline/processors/palette.ts';
import { pdf } from '../../../src/main/core/pipeline/processors/pdf/pdf-processor.ts';
import type { RgbaImage } from '../../../src/main/core/pipeline/processors/raster/rgba.ts';
import { removeBackgroundProcessor } from '../../../src/main/core/pipeline/processors/remove-background.ts';
import { buildSocialSet } from '../../../src/main/core/pipeline/processors/social/social-processor.ts';
import { loadArt, loadOneColourTrace } from '../../../src/main/core/pipeline/processors/svg/load-art.ts';
import { deltaE76, rgbToLab } from '../../../src/shared/colour.ts';
import {
  CREAM_ON_BROWN,
  deviconSvg,
  flagSvg,
  ICE_OVER_DRINK,
  iconifySvg,
  onWhite,
  svgInput,
  YELLOW_IN_BLUE,
} from './artwork-corpus.ts';
import { context, decode } from './helpers.ts';
import { ghostscriptRgba } from './render-compare.ts';

const dir = mkdtempSync(join(tmpdir(), 'marque-artwork-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A PDF page rendered by Ghostscript (which manages CMYK) with alpha, pixel grids in line with the master's. */
const ghostscript = (bytes: Uint8Array, width: number, height: number): Promise<RgbaImage> =>
  ghostscriptRgba(bytes, width, height, { supersample: true });

function fileOf(files: readonly { path: string; bytes: Uint8Array }[], suffix: string): Uint8Array {
  const found = files.find((f) => f.path.endsWith(suffix));
  if (!found) throw new Error(`no ${suffix} in ${files.map((f) => f.path).join(', ')}`);
  return found.bytes;
}

async function png(bytes: Uint8Array, width?: number, height?: number): Promise<RgbaImage> {
  return decode(
    width ? new Uint8Array(await sharp(bytes).resize(width, height, { fit: 'fill' }).png().toBuffer()) : bytes,
  );
}

function alphaAt(image: RgbaImage, fx: number, fy: number): number {
  const x = Math.min(image.width - 1, Math.round(fx * image.width));
  const y = Math.min(image.height - 1, Math.round(fy * image.height));
  return image.data[(y * image.width + x) * 4 + 3] as number;
}

/** Share of the master's solid, non-edge pixels whose L* differs by more than 20 in the output. */
function lightnessOffShare(master: RgbaImage, output: RgbaImage): number {
  let off = 0;
  let count = 0;
  const { width, height } = master;
  const l = (img: RgbaImage, i: number) =>
    rgbToLab([img.data[i * 4] as number, img.data[i * 4 + 1] as number, img.data[i * 4 + 2] as number])[0];
  for (let y = 2; y < height - 2; y++) {
    for (let x = 2; x < width - 2; x++) {
      const i = y * width + x;
      if ((master.data[i * 4 + 3] as number) < 255) continue;
      // Non-edge: the 5x5 neighbourhood is one colour in the master.
      let flat = true;
      for (let dy = -2; dy <= 2 && flat; dy++)
        for (let dx = -2; dx <= 2 && flat; dx++) {
          const j = (y + dy) * width + x + dx;
          if (Math.abs(l(master, j) - l(master, i)) > 2) flat = false;
        }
      if (!flat) continue;
      count++;
      if ((output.data[i * 4 + 3] as number) < 128 || Math.abs(l(output, i) - l(master, i)) > 20) off++;
    }
  }
  return count === 0 ? 0 : off / count;
}

describe('a full-bleed field is art, never paper (issue 12, item 3)', () => {
  it('remove-bg keeps the US flag and Brazil whole (red stripes, green field)', async () => {
    for (const code of ['us', 'br']) {
      const input = await onWhite(flagSvg(code), 'png', 640, code);
      const result = await removeBackgroundProcessor.run(input, removeBackgroundProcessor.options.parse({}), context());
      expect(result.facts?.outcome, code).toBe('kept');
      const image = await decode(fileOf(result.files, 'transparent.png'));
      let transparent = 0;
      for (let i = 3; i < image.data.length; i += 4) if ((image.data[i] as number) < 255) transparent++;
      expect(transparent, code).toBe(0);
    }
  });

  it('the palette keeps the border colours of a flag', async () => {
    const input = await onWhite(flagSvg('br'), 'png', 640, 'br');
    const result = await paletteProcessor.run(input, paletteProcessor.options.parse({}), context());
    const colours = (result.facts as { palette: { colors: { hex: string; share: number }[] } }).palette.colors;
    const green = rgbToLab([0x22, 0x9e, 0x45]);
    const near = colours.find((c) => {
      const [r, g, b] = [1, 3, 5].map((k) => Number.parseInt(c.hex.slice(k, k + 2), 16)) as [number, number, number];
      return deltaE76(rgbToLab([r, g, b]), green) < 10;
    });
    expect(near?.share).toBeGreaterThan(0.4);
  });

  it("Brazil's full-colour PDF keeps its green field: <= 0.5 % of non-edge pixels off by L* > 20", async () => {
    const input = await svgInput(flagSvg('br'), 'br');
    const result = await pdf.run(input, pdf.options.parse({ variants: ['full-color', 'black'] }), context());
    const { image } = await masterArtwork(input, 640);
    const full = await ghostscript(fileOf(result.files, 'full-color.pdf'), image.width, image.height);
    expect(lightnessOffShare(image, full)).toBeLessThanOrEqual(0.005);
    // Its black version is the flag's ink, not a solid diamond: IoU >= 0.95 against the master's ink.
    const black = await ghostscript(fileOf(result.files, 'black.pdf'), image.width, image.height);
    expect(scoreOneColour(image, black).iou).toBeGreaterThanOrEqual(0.95);
  });
});

describe('one-colour versions: ink or paper by contrast with the paper (issue 12, item 4)', () => {
  const cases: [string, () => Promise<ProcessorInput>, [number, number] | null][] = [
    ['cream on brown', () => svgInput(CREAM_ON_BROWN, 'badge'), [0.5, 0.5]],
    ['yellow in blue', () => svgInput(YELLOW_IN_BLUE, 'yellow'), [0.5, 0.5]],
    ['light glass over ink', () => svgInput(ICE_OVER_DRINK, 'ice'), [0.5, 0.5]],
    ['matplotlib', () => svgInput(deviconSvg('matplotlib'), 'matplotlib'), null],
    ['bitcoin', () => svgInput(iconifySvg('bitcoin'), 'bitcoin'), [0.5, 0.5]],
  ];
  for (const [name, make, hole] of cases) {
    it(`${name}: black PNG and black PDF match the master's ink (IoU >= 0.95), light details are holes`, async () => {
      const input = await make();
      const pack = await buildLogoPackage(input, {
        formats: ['png', 'pdf', 'svg'],
        pngSizes: [512],
        colourways: ['Black', 'White'],
      });
      const { image } = await masterArtwork(input, 512);
      const blackPng = await png(fileOf(pack.files, 'RGB_Black_512.png'), image.width, image.height);
      expect(scoreOneColour(image, blackPng).iou).toBeGreaterThanOrEqual(0.95);
      const blackPdf = await ghostscript(fileOf(pack.files, 'CMYK_Black.pdf'), image.width, image.height);
      expect(scoreOneColour(image, blackPdf).iou).toBeGreaterThanOrEqual(0.95);
      // The black SVG is one outline with real holes: no mask, no backdrop rectangle.
      const blackSvg = fileOf(pack.files, 'RGB_Black.svg');
      expect(new TextDecoder().decode(blackSvg)).not.toMatch(/<mask|<rect/);
      const svgRender = await png(blackSvg, image.width, image.height);
      expect(scoreOneColour(image, svgRender).iou).toBeGreaterThanOrEqual(0.95);
      // The white PDF is white ink alone: nothing dark anywhere (no page rectangle round it).
      const whitePdf = await ghostscript(fileOf(pack.files, 'CMYK_White.pdf'), image.width, image.height);
      let dark = 0;
      for (let i = 0; i < whitePdf.data.length; i += 4)
        if ((whitePdf.data[i + 3] as number) > 128 && (whitePdf.data[i] as number) < 200) dark++;
      expect(dark / (whitePdf.width * whitePdf.height)).toBeLessThan(0.001);
      if (hole) {
        expect(alphaAt(blackPng, ...hole)).toBe(0);
        expect(alphaAt(blackPdf, ...hole)).toBe(0);
      }
      const facts = pack.facts as { fidelity: Record<string, { iou: number; belowThreshold: boolean }> };
      expect(facts.fidelity.Black?.belowThreshold).toBe(false);
    });
  }
});

describe('one-colour traces from the render are made once per job', () => {
  it("a package's SVG and its print PDFs share the trace of light glass over ink", async () => {
    const input = await svgInput(ICE_OVER_DRINK, 'ice');
    const { art } = await loadArt(input);
    const first = await loadOneColourTrace(input, { art, source: 'svg' });
    const again = await loadOneColourTrace(input, { art, source: 'svg' });
    expect(first?.art.items.length).toBeGreaterThan(0);
    expect(again?.art.items).toBe(first?.art.items);
    // Another job's input (the same bytes, another object) is traced for itself.
    const other = await loadOneColourTrace({ ...input }, { art, source: 'svg' });
    expect(other?.art.items).not.toBe(first?.art.items);
  });
});

describe('a JPEG on white: no white box anywhere (issue 12, item 7)', async () => {
  const input = await onWhite(iconifySvg('google'), 'jpeg', 1024, 'Google');

  it('package PNGs are really transparent, counters included, and score against the master', async () => {
    const pack = await buildLogoPackage(input, {
      formats: ['png'],
      pngSizes: [512],
      colourways: ['FullColor', 'Black'],
    });
    const full = await png(fileOf(pack.files, 'RGB_FullColor_512.png'));
    expect(alphaAt(full, 0.01, 0.01)).toBe(0);
    // The counter of the first "o" (paper enclosed by the letter) is cleared too.
    const { image, master } = await masterArtwork(input, 512);
    let opaqueWhite = 0;
    for (let i = 0; i < full.data.length; i += 4)
      if ((full.data[i + 3] as number) === 255 && (full.data[i] as number) > 245 && (full.data[i + 1] as number) > 245)
        opaqueWhite++;
    expect(opaqueWhite / (full.width * full.height)).toBeLessThan(0.001);
    const facts = pack.facts as { fidelity: Record<string, { iou: number; meanColorError?: number }> };
    expect(facts.fidelity.FullColor?.meanColorError).toBeLessThan(3);
    expect(scoreFullColour(image, full).iou).toBeGreaterThan(0.97);
    // Judged as the designer sees the JPEG, on its white paper: the PNG laid on white against the
    // plain JPEG, not against the decided image the PNG was made from.
    const onPaper = scoreFullColourOnPaper(master, image, [255, 255, 255], full);
    expect(facts.fidelity.FullColor?.meanColorError).toBeCloseTo(onPaper.meanColorError ?? -1, 1);
  });

  it('the favicon pack draws the mark, not its white box', async () => {
    const pack = await faviconProcessor.run(input, faviconProcessor.options.parse({}), context());
    const icon = await decode(fileOf(pack.files, 'web-app-manifest-512x512.png'));
    // A wide wordmark fills the width: above and below it, and in the corners, nothing.
    for (const [x, y] of [
      [0.02, 0.02],
      [0.98, 0.98],
      [0.5, 0.1],
      [0.5, 0.9],
    ] as const)
      expect(alphaAt(icon, x, y), `${x},${y}`).toBe(0);
  });

  it('the social set keeps the brand colours on its white canvas (not a solid black logo)', async () => {
    for (const [name, make] of [
      ['google jpeg', async () => input],
      ['us flag', () => svgInput(flagSvg('us'), 'us')],
      ['matplotlib', () => svgInput(deviconSvg('matplotlib'), 'matplotlib')],
    ] as const) {
      const set = await buildSocialSet(await make(), { presets: ['x-avatar'] });
      expect((set.facts as { reversed: unknown }).reversed, name).toBeNull();
      const avatar = await decode(fileOf(set.files, '.png'));
      let coloured = 0;
      for (let i = 0; i < avatar.data.length; i += 4) {
        const [r, g, b] = [avatar.data[i], avatar.data[i + 1], avatar.data[i + 2]] as [number, number, number];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
      }
      expect(coloured / (avatar.width * avatar.height), name).toBeGreaterThan(0.02);
    }
  });
});

describe('reversed, not inverted (issue 12, item 8)', () => {
  it('keeps brand colours that read on dark, goes one-colour white otherwise, never a negative', async () => {
    const twoColour =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect x="20" y="10" width="80" height="80" fill="#123456"/>' +
      '<circle cx="150" cy="50" r="35" fill="#e63946"/></svg>';
    const brand = await buildLogoPackage(await svgInput(twoColour, 'two'), {
      formats: ['png'],
      pngSizes: [256],
      colourways: ['Reversed'],
    });
    const reversed = await decode(fileOf(brand.files, 'RGB_Reversed_256.png'));
    const at = (fx: number, fy: number) => {
      const i = (Math.round(fy * reversed.height) * reversed.width + Math.round(fx * reversed.width)) * 4;
      return [...reversed.data.subarray(i, i + 3)];
    };
    expect(at(0.3, 0.5)).toEqual([255, 255, 255]); // navy does not read on dark: white
    expect(at(0.75, 0.5)).toEqual([0xe6, 0x39, 0x46]); // the red does: kept as it is
    const badge = await buildLogoPackage(await svgInput(CREAM_ON_BROWN, 'badge'), {
      formats: ['png'],
      pngSizes: [256],
      colourways: ['Reversed'],
    });
    expect((badge.facts as { reversed: string }).reversed).toBe('one-colour white');
    const white = await decode(fileOf(badge.files, 'RGB_Reversed_256.png'));
    expect(alphaAt(white, 0.5, 0.5)).toBe(0); // the cream bar is a hole in the white disc
    expect(alphaAt(white, 0.5, 0.2)).toBe(255);
  });
});
