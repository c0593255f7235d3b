import { hexToRgb, type Rgb } from '../../../../shared/colour.ts';
import type { Palette, PaletteColor } from '../../../../shared/palette.ts';
import { DEFAULT_PRINT_SETUP } from '../../../../shared/print.ts';
import { writeAse } from '../../colour/ase.ts';
import { openPress } from '../../colour/press.ts';
import { loadNamedInks } from '../../colour/print-service.ts';
import type { Processor } from '../processor.ts';
import { masterArtwork } from './artwork/master-artwork.ts';
import { type PaletteOptions, paletteDescriptor } from './palette-descriptor.ts';
import { backgroundColourMask, DEFAULT_BACKGROUND_TOLERANCE, detectBackground } from './raster/background.ts';
import { assignToPalette, extractPalette, toPaletteColor } from './raster/palette.ts';
import { type RgbaImage, usesTransparency } from './raster/rgba.ts';
import { matchNamedInk } from './svg/inks.ts';

export interface LogoPaletteOptions {
  readonly minShare?: number;
  readonly mergeDistance?: number;
  readonly maxColors?: number;
  readonly tolerance?: number;
  readonly locked?: readonly { readonly hex: string; readonly name?: string | undefined }[];
  /**
   * The image comes with its background decided (paper already transparent): an opaque border
   * is then art (a flag's field), never excluded.
   */
  readonly paperDecided?: boolean;
}

/**
 * The logo's own palette. Transparent pixels never count; on an opaque image the flat border
 * colour (the paper) is ignored everywhere; anti-alias fringes drop out because only solid
 * interior pixels vote (see extractPalette). A locked palette is returned as given, with the
 * share of the logo's area each of its colours covers.
 */
export function logoPalette(image: RgbaImage, options: LogoPaletteOptions = {}): Palette {
  const tolerance = options.tolerance ?? DEFAULT_BACKGROUND_TOLERANCE;
  let exclude: Uint8Array | undefined;
  if (!options.paperDecided && !usesTransparency(image)) {
    const background = detectBackground(image, tolerance);
    if (background) exclude = backgroundColourMask(image, background, tolerance);
  }
  if (options.locked && options.locked.length > 0) {
    const entries = options.locked.map((entry) => ({ rgb: hexToRgb(entry.hex) as Rgb, name: entry.name }));
    const { counts } = assignToPalette(image, entries, exclude);
    const total = counts.reduce((sum, n) => sum + n, 0) || 1;
    const colors: PaletteColor[] = entries.map((entry, index) =>
      toPaletteColor(entry.rgb, (counts[index] as number) / total, entry.name),
    );
    return { colors, locked: true };
  }
  const colors = extractPalette(image, {
    ...(exclude ? { exclude } : {}),
    ...(options.minShare !== undefined ? { minShare: options.minShare } : {}),
    ...(options.mergeDistance !== undefined ? { mergeDistance: options.mergeDistance } : {}),
    ...(options.maxColors !== undefined ? { maxColors: options.maxColors } : {}),
  });
  return { colors, locked: false };
}

/** A GIMP/Inkscape palette file (.gpl), so the colours open in other tools. */
function gimpPalette(name: string, palette: Palette): string {
  const title = name.replace(/[\r\n]/g, ' ').slice(0, 100);
  const lines = palette.colors.map(
    (c) =>
      `${String(c.rgb[0]).padStart(3)} ${String(c.rgb[1]).padStart(3)} ${String(c.rgb[2]).padStart(3)}\t${c.name ?? c.hex}`,
  );
  return `GIMP Palette\nName: ${title}\nColumns: ${Math.min(8, palette.colors.length)}\n#\n${lines.join('\n')}\n`;
}

export const paletteProcessor: Processor<PaletteOptions> = {
  ...paletteDescriptor,
  async run(input, opts, context) {
    context.progress(5);
    // The decided artwork: paper is transparent (never counted), a full-bleed field is a colour.
    const { image } = await masterArtwork(input, opts.size, opts.tolerance);
    context.signal.throwIfAborted();
    context.progress(50);
    const measured = logoPalette(image, { ...opts, paperDecided: true });
    const setup = input.print ?? DEFAULT_PRINT_SETUP;
    const press = await openPress(setup);
    const named = await loadNamedInks(setup);
    const palette = {
      ...measured,
      colors: measured.colors.map((colour) => {
        const ink = named.length > 0 ? matchNamedInk(colour.rgb, named) : undefined;
        return { ...colour, cmyk: press.cmyk(colour.rgb), ...(ink ? { ink } : {}) };
      }),
    };
    const encoder = new TextEncoder();
    const swatches = palette.colors.map((colour) => ({
      name: colour.name ?? colour.hex.toUpperCase(),
      hex: colour.hex,
    }));
    context.progress(100);
    return {
      files: [
        {
          path: 'palette.json',
          bytes: encoder.encode(`${JSON.stringify(palette, null, 2)}\n`),
          mime: 'application/json',
        },
        { path: 'palette.gpl', bytes: encoder.encode(gimpPalette(input.name, palette)), mime: 'text/plain' },
        // Adobe Swatch Exchange: the brand colours as named spot swatches for Illustrator and InDesign.
        { path: 'palette.ase', bytes: writeAse(input.name, swatches), mime: 'application/octet-stream' },
      ],
      facts: {
        palette,
        press: { profile: setup.profile.name, intent: setup.intent, coverageLimit: setup.coverageLimit },
      },
    };
  },
};
