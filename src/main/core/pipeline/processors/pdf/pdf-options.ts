import { z } from 'zod';

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/);
export const MM = 72 / 25.4;

export const PDF_VARIANTS = ['full-color', 'black', 'reversed'] as const;
export type PdfVariant = (typeof PDF_VARIANTS)[number];

export const pdfOptions = z
  .object({
    /** Which colourways to write, one PDF each. */
    variants: z.array(z.enum(PDF_VARIANTS)).min(1).max(3).default(['full-color', 'black', 'reversed']),
    /** Full colour as process CMYK, or as named spot inks (Separation colour spaces). */
    color: z.enum(['cmyk', 'spot']).default('cmyk'),
    /** Spot inks ('#rrggbb' and name); default the logo's locked palette or the master's own colours. */
    palette: z
      .array(z.object({ hex, name: z.string().max(60).optional() }).strict())
      .max(32)
      .optional(),
    /** Scale the artboard to this width; default its own size. */
    widthMm: z.number().min(5).max(5000).optional(),
    /** Empty space around the artboard on every side. */
    marginMm: z.number().min(0).max(500).default(0),
    /** The dark page of the reversed variant; 'none': white ink alone, no page rectangle. */
    reverseBackground: z.union([hex, z.literal('none')]).default('#000000'),
    /** Spot: art colours closer than this (ΔE76) print with one ink; raise it to merge more. */
    mergeDeltaE: z.number().min(0).max(50).default(3),
    /** Spot: the designer's merges and reassignments: colour `from` prints with the ink of colour `into`. */
    mergeInks: z
      .array(z.object({ from: hex, into: hex }).strict())
      .max(64)
      .optional(),
    /** Spot: the designer's ink names, by the ink's colour. */
    inkNames: z.record(hex, z.string().min(1).max(60)).optional(),
    /** Spot: colours that keep an ink of their own, never merged automatically (the designer split them). */
    keepInks: z.array(hex).max(64).optional(),
    /**
     * Spot: gradients in process CMYK (default, with a warning), or a gradient between two inks
     * as two overprinting spot tints (stops mapped to their nearest inks; more than two inks
     * still print in process).
     */
    gradients: z.enum(['process', 'spot-tints']).default('process'),
    /** Spot: at most this many inks; beyond it the smallest colours merge (the facts say which). */
    maxInks: z.number().int().min(1).max(32).default(12),
    /** PDF/X-4: the press profile embedded as the OutputIntent, TrimBox and BleedBox, no RGB. */
    pdfx: z.boolean().default(false),
  })
  .strict();

export type PdfOptions = z.output<typeof pdfOptions>;
