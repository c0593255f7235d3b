import { z } from 'zod';
import type { ProcessorDescriptor } from '../../processor.ts';

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb');
/**
 * A hand-made small icon as base64 (or a data: URL). Options are stored as JSON with the job and
 * hashed into the cache key, so bytes travel as text.
 */
const override = z.string().min(8).max(200_000);

export const faviconOptions = z
  .object({
    profile: z.enum(['modern', 'extended', 'custom']).default('modern'),
    /** Extra favicon-NxN.png sizes (the only PNGs of the custom profile). */
    sizes: z.array(z.number().int().min(8).max(1024)).max(24).default([]),
    /** ICO frames for the custom profile, written in the order given. */
    icoSizes: z.array(z.number().int().min(8).max(256)).min(1).max(8).optional(),
    appName: z.string().trim().min(1).max(80).optional(),
    shortName: z.string().trim().min(1).max(30).optional(),
    themeColor: hexColour.optional(),
    /** Background of the opaque icons (Apple, maskable) and of the manifest. */
    backgroundColor: hexColour.optional(),
    /** URL prefix of the files in the snippet and manifest. */
    basePath: z
      .string()
      .regex(/^\/[\w\-./~]*$/, 'a path such as / or /static/icons/')
      .default('/'),
    darkMode: z.enum(['auto', 'always', 'never']).default('auto'),
    override16: override.optional(),
    override32: override.optional(),
    /** For bitmap masters: write favicon.svg from a full-colour trace (the trace-color recipe). */
    traceRaster: z.boolean().default(false),
  })
  .strict();
export type FaviconOptions = z.infer<typeof faviconOptions>;

/** A favicon pack in the modern, extended or custom profile. Cheap to import: main loads it, the worker adds `run`. */
export const faviconDescriptor: ProcessorDescriptor<FaviconOptions> = {
  id: 'favicon',
  // v2: raster masters lose their paper (no white box). v3: the short name breaks at a word.
  version: 10,
  title: 'Favicon pack',
  usesName: true,
  usesPalette: true,
  options: faviconOptions as z.ZodType<FaviconOptions>,
};
