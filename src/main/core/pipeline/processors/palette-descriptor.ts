import { z } from 'zod';
import type { ProcessorDescriptor } from '../processor.ts';
import { DEFAULT_BACKGROUND_TOLERANCE } from './raster/background.ts';

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

/** The logo's colours, measured or locked. Cheap to import: main loads it, the worker adds `run`. */
export const paletteDescriptor: ProcessorDescriptor<PaletteOptions> = {
  id: 'palette',
  // v3: ICC CMYK and the nearest swatch-book ink (v2); the background decision keeps a full-bleed field.
  version: 8,
  title: 'Palette',
  options,
  usesName: true,
  usesPrint: true,
};
