import { z } from 'zod';
import type { Palette, PaletteColor } from '../../../../shared/palette.ts';
import type { Processor } from '../processor.ts';
import { masterArtwork } from './artwork/master-artwork.ts';
import { backgroundColourMask, DEFAULT_BACKGROUND_TOLERANCE, detectBackground } from './raster/background.ts';
import { hexToRgb, type Rgb } from './raster/color.ts';
import { assignToPalette, extractPalette, toPaletteColor } from './raster/palette.ts';
import { type RgbaImage, usesTransparency } from './raster/rgba.ts';

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/);

const options = z
  .object({
    /** Longest side the colours are measured at. */
    size: z.number().int().min(16).max(2048).default(1024),
    /** Least share of the logo's area a colour must cover (0.1 % by default). */
    minShare: z.number().min(0).max(0.5).default(0.001),
    /** Colours closer than this (CIE76) are merged into the larger one. */
    mergeDistance: z.number().min(0).max(50).default(5),
    maxColors: z.number().int().min(1).max(64).default(12),
    tolerance: z.number().min(0.5).max(60).default(DEFAULT_BACKGROUND_TOLERANCE),
    /** A locked palette: kept as given (names too); only the area shares are measured. */
    locked: z
      .array(z.object({ hex, name: z.string().max(120).optional() }).strict())
      .max(64)
      .optional(),
  })
  .strict();

export type PaletteOptions = z.output<typeof options>;

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
  id: 'palette',
  version: 2,
  title: 'Palette',
  options,
  usesName: true,
  async run(input, opts, context) {
    context.progress(5);
    // The decided artwork: paper is transparent (never counted), a full-bleed field is a colour.
    const { image } = await masterArtwork(input, opts.size, opts.tolerance);
    context.signal.throwIfAborted();
    context.progress(50);
    const palette = logoPalette(image, { ...opts, paperDecided: true });
    const encoder = new TextEncoder();
    context.progress(100);
    return {
      files: [
        {
          path: 'palette.json',
          bytes: encoder.encode(`${JSON.stringify(palette, null, 2)}\n`),
          mime: 'application/json',
        },
        { path: 'palette.gpl', bytes: encoder.encode(gimpPalette(input.name, palette)), mime: 'text/plain' },
      ],
      facts: { palette },
    };
  },
};
