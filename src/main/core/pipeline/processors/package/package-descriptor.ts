import { z } from 'zod';
import type { ProcessorDescriptor } from '../../processor.ts';
import { COLOURWAY_NAMES, type ColourwayName } from './colourways.ts';

export const PACKAGE_FORMATS = ['svg', 'pdf', 'png', 'jpg'] as const;

export const packageOptions = z
  .object({
    colourways: z
      .array(z.enum(COLOURWAY_NAMES as [ColourwayName, ...ColourwayName[]]))
      .min(1)
      .default(COLOURWAY_NAMES),
    formats: z
      .array(z.enum(PACKAGE_FORMATS))
      .min(1)
      .default([...PACKAGE_FORMATS]),
    /** Long side of the PNGs, px. */
    pngSizes: z.array(z.number().int().min(16).max(8192)).min(1).max(8).default([256, 512, 1024, 2048]),
    /** Long side of the JPG, px. */
    jpgSize: z.number().int().min(64).max(8192).default(2048),
    /** The logo type in the folder tree and file names (Logo, Logomark, Wordmark, Lockup…). */
    logoType: z
      .string()
      .regex(/^[A-Za-z0-9][\w-]{0,30}$/)
      .default('Logo'),
    /** Brand prefix of file names; default: the logo name made file-safe. */
    brand: z
      .string()
      .regex(/^[A-Za-z0-9][\w-]{0,40}$/)
      .optional(),
    /** Print PDFs as PDF/X-4 (the press profile embedded as the OutputIntent). */
    pdfx: z.boolean().default(false),
  })
  .strict();
export type PackageOptions = z.infer<typeof packageOptions>;

/** Colourways x formats in the agency folder convention. Cheap to import: main loads it, the worker adds `run`. */
export const packageDescriptor: ProcessorDescriptor<PackageOptions> = {
  id: 'package',
  // v4: ICC CMYK print PDFs, PDF/X-4 (v3); Reversed colourway, scored colourways, real holes.
  // v5: its PDFs draw normalised paths and SVG markers.
  // v6: art in process gradients whose flat colours are too small to see gets no empty spot plate.
  // v9: gradients hold their end colours before the first stop and after the last.
  // v14: the full colour of a master on paper is scored on its paper, against the plain render.
  version: 18,
  title: 'Logo package',
  usesName: true,
  usesPalette: true,
  usesPrint: true,
  options: packageOptions as z.ZodType<PackageOptions>,
};
