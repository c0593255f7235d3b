import { z } from 'zod';

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/);

export const separationOptions = z
  .object({
    /** Spot: one plate per palette ink. Process: cyan, magenta, yellow and black plates. */
    type: z.enum(['spot', 'process']).default('spot'),
    /** Spot inks ('#rrggbb', name); default the logo's locked palette or the master's own colours. */
    palette: z
      .array(z.object({ hex, name: z.string().max(60).optional() }).strict())
      .min(1)
      .max(16)
      .optional(),
    /** Job name in the plate labels; default the logo's name. */
    job: z.string().max(80).optional(),
    /** Printed width of the artwork (the trim); its height follows the artboard's aspect ratio. */
    printWidthMm: z.number().min(10).max(1000).default(100),
    /** Film resolution. */
    dpi: z.number().int().min(300).max(1200).default(1200),
    /** Emulsion down: every plate and film mirrored left to right. */
    mirror: z.boolean().default(false),
    /** A white underbase plate (printed first) for dark garments, choked inside the colours. */
    underbase: z.boolean().default(false),
    underbaseChokePt: z.number().min(0).max(5).default(0.5),
    /**
     * Trap: each lighter ink spreads this far under the darker inks it touches (0 = butt joins).
     * Default: on for spot inks, from the print width and the film's dpi (see autoTrapPt).
     */
    trapPt: z.number().min(0).max(3).optional(),
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
    /** Spot: at most this many inks (screens); beyond it the smallest colours merge (the facts say which). */
    maxInks: z.number().int().min(1).max(16).default(12),
    /** PDF/X-4 plates: the press profile as the OutputIntent, TrimBox and BleedBox. */
    pdfx: z.boolean().default(false),
    /** Tints (opacity, process values) as an AM halftone, or solid only (at least 50 % prints). */
    halftone: z.boolean().default(true),
    lpi: z.number().min(20).max(200).default(55),
    /** Screen angle of spot plates; process plates use Y 0°, C 15°, M 75°, K 45°. */
    angle: z.number().min(0).max(180).default(22.5),
    dot: z.enum(['round', 'ellipse']).default('ellipse'),
  })
  .strict();

export type SeparationOptions = z.output<typeof separationOptions>;

/**
 * The trap a screen printer would set: 0.25 pt per 100 mm of print width (misregistration grows
 * with the frame), between 0.25 and 1 pt, and never under two film pixels.
 */
export function autoTrapPt(printWidthMm: number, dpi: number): number {
  const bySize = Math.min(1, Math.max(0.25, (0.25 * printWidthMm) / 100));
  const twoPixels = (2 * 72) / dpi;
  return Math.round(Math.max(bySize, twoPixels) * 100) / 100;
}
