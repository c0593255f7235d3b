import { z } from 'zod';
import type { ProcessorDescriptor } from '../../processor.ts';

export const socialOptions = z
  .object({
    /** Preset ids to render (see presets.ts); default every preset. */
    presets: z.array(z.string()).max(200).optional(),
    /** Channels to render (`X`, `IG`, `LinkedIn`…); combined with `presets` when both are given. */
    channels: z.array(z.string()).max(50).optional(),
    /** Canvas colour: a palette colour (the brand colour), white, black, transparent (where allowed) or #rrggbb. */
    background: z
      .union([z.enum(['palette', 'white', 'black', 'transparent']), z.string().regex(/^#[0-9a-fA-F]{6}$/)])
      .default('white'),
    /** Space around the logo inside the safe area, as a fraction of its smaller side; default per use. */
    padding: z.number().min(0).max(0.45).optional(),
    /** png: always PNG unless over the platform limit; jpeg: always JPEG. */
    format: z.enum(['png', 'jpeg']).default('png'),
    /** File-name prefix, e.g. 'ACME' gives ACME-X-1500x500-banner.png. */
    prefix: z
      .string()
      .regex(/^[\w-]{0,40}$/)
      .optional(),
  })
  .strict();
export type SocialOptions = z.infer<typeof socialOptions>;

/** The logo placed in each social platform preset's safe area. Cheap to import: main loads it, the worker adds `run`. */
export const socialDescriptor: ProcessorDescriptor<SocialOptions> = {
  id: 'social',
  // v3: the canvas keeps the mark in colour wherever its colours read.
  version: 9,
  title: 'Social media set',
  usesName: true,
  usesPalette: true,
  options: socialOptions as z.ZodType<SocialOptions>,
};
