import { describe, expect, it } from 'vitest';
import { readAse } from '../../../src/main/core/colour/ase.ts';
import { openPress } from '../../../src/main/core/colour/press.ts';
import { logoPalette, paletteProcessor } from '../../../src/main/core/pipeline/processors/palette.ts';
import { decodeToRgba } from '../../../src/main/core/pipeline/processors/raster/decode.ts';
import { deltaE76, rgbToLab, uncalibratedCmyk } from '../../../src/shared/colour.ts';
import type { Palette } from '../../../src/shared/palette.ts';
import { DEFAULT_PRINT_SETUP } from '../../../src/shared/print.ts';
import { context, encode, inputFrom, rasterise, svgInput } from './helpers.ts';

const RED = [0xe6, 0x39, 0x46] as const;
const BLUE = [0x1d, 0x35, 0x57] as const;
const TWO_COLOURS_ON_WHITE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><rect width="600" height="400" fill="#ffffff"/>' +
  '<circle cx="170" cy="200" r="130" fill="#e63946"/>' +
  '<path fill="#1d3557" d="M330 80h220v240H330z M380 130v140h120V130z"/>' +
  '<text x="420" y="380" font-size="20" fill="#1d3557">tiny</text></svg>';

function near(palette: Palette, rgb: readonly [number, number, number]): number {
  return Math.min(...palette.colors.map((c) => deltaE76(c.lab, rgbToLab(rgb))));
}

describe('palette', () => {
  it('finds the logo’s own colours on a JPEG with a white background: background and fringes ignored', async () => {
    const jpeg = await encode(await rasterise(TWO_COLOURS_ON_WHITE), 'jpeg', 85);
    const palette = logoPalette(await decodeToRgba(jpeg, 'jpeg'));
    expect(palette.locked).toBe(false);
    expect(palette.colors).toHaveLength(2);
    expect(near(palette, RED)).toBeLessThan(3);
    expect(near(palette, BLUE)).toBeLessThan(3);
    expect(near(palette, [255, 255, 255])).toBeGreaterThan(20);
    // Shares of the logo's area: circle 53 100 px², frame 36 000 px² (+ text).
    const red = palette.colors.find((c) => deltaE76(c.lab, rgbToLab(RED)) < 3);
    expect(red?.share).toBeGreaterThan(0.55);
    expect(red?.share).toBeLessThan(0.62);
    expect(palette.colors.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 2);
  });

  it('ignores anti-alias ramps of a transparent one-colour mark', async () => {
    // Thin diagonal strokes and curves: thousands of edge pixels in dozens of intermediate colours.
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">' +
      Array.from(
        { length: 12 },
        (_, k) => `<path stroke="#7b2cbf" stroke-width="3" d="M${10 + k * 40} 10 L${60 + k * 37} 500"/>`,
      ).join('') +
      '<circle cx="256" cy="256" r="60" fill="#7b2cbf"/></svg>';
    const palette = logoPalette(await rasterise(svg));
    expect(palette.colors.map((c) => c.hex)).toEqual(['#7b2cbf']);
    expect(palette.colors[0]?.share).toBe(1);
  });

  it('gives hex, RGB, CMYK and Lab for each colour', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect x="10" y="10" width="80" height="80" fill="#ff0000"/></svg>';
    const [red] = logoPalette(await rasterise(svg)).colors;
    expect(red?.hex).toBe('#ff0000');
    expect(red?.rgb).toEqual([255, 0, 0]);
    expect(red?.cmyk).toEqual([0, 100, 100, 0]);
    expect(red?.lab[0]).toBeCloseTo(53.24, 1);
    expect(red?.lab[1]).toBeCloseTo(80.09, 1);
    expect(uncalibratedCmyk([0, 0, 0])).toEqual([0, 0, 0, 100]);
  });

  it('keeps a locked palette as given and measures its shares', async () => {
    const image = await rasterise(TWO_COLOURS_ON_WHITE);
    const palette = logoPalette(image, {
      locked: [
        { hex: '#1d3557', name: 'Brand navy' },
        { hex: '#e63946', name: 'PMS 1788 C' },
      ],
    });
    expect(palette.locked).toBe(true);
    expect(palette.colors.map((c) => [c.hex, c.name])).toEqual([
      ['#1d3557', 'Brand navy'],
      ['#e63946', 'PMS 1788 C'],
    ]);
    expect(palette.colors[1]?.share).toBeGreaterThan(0.55);
  });

  it('runs as a processor: palette.json, .gpl and .ase, ICC CMYK, palette in the facts', async () => {
    const png = await encode(await rasterise(TWO_COLOURS_ON_WHITE), 'png');
    const result = await paletteProcessor.run(
      await inputFrom(png, 'png', 'Acme'),
      paletteProcessor.options.parse({}),
      context(),
    );
    const facts = result.facts as { palette: Palette };
    expect(facts.palette.colors.map((c) => c.hex).sort()).toEqual(['#1d3557', '#e63946']);
    const json = JSON.parse(
      new TextDecoder().decode(result.files.find((f) => f.path === 'palette.json')?.bytes),
    ) as Palette;
    expect(json).toEqual(facts.palette);
    const gpl = new TextDecoder().decode(result.files.find((f) => f.path === 'palette.gpl')?.bytes);
    expect(gpl).toMatch(/^GIMP Palette\nName: Acme\n/);
    expect(gpl).toContain('230  57  70\t#e63946');
    // CMYK through the built-in press profile (LittleCMS), the same builds print output uses.
    const press = await openPress(DEFAULT_PRINT_SETUP);
    for (const colour of facts.palette.colors) expect(colour.cmyk).toEqual(press.cmyk(colour.rgb));
    // The palette as an Adobe Swatch Exchange file that reads back with its colours.
    const ase = readAse(result.files.find((f) => f.path === 'palette.ase')?.bytes as Uint8Array, 'palette.ase');
    expect(ase.map((swatch) => swatch.name).sort()).toEqual(['#1D3557', '#E63946']);
    // A vector's white field is drawn, so it is in the palette as drawn; "Remove" takes it out.
    const svg = await svgInput(TWO_COLOURS_ON_WHITE);
    const asDrawn = await paletteProcessor.run(svg, paletteProcessor.options.parse({}), context());
    expect((asDrawn.facts as { palette: Palette }).palette.colors.map((c) => c.hex).sort()).toEqual([
      '#1d3557',
      '#e63946',
      '#ffffff',
    ]);
    const removed = await paletteProcessor.run(
      { ...svg, artwork: { background: 'remove', threshold: null } },
      paletteProcessor.options.parse({}),
      context(),
    );
    expect((removed.facts as { palette: Palette }).palette.colors.map((c) => c.hex).sort()).toEqual([
      '#1d3557',
      '#e63946',
    ]);
  });
});
