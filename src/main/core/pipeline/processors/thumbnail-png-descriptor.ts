import { z } from 'zod';
import type { ProcessorDescriptor } from '../processor.ts';

const options = z
  .object({
    /** Longest side in pixels; the image keeps its aspect ratio and is never enlarged past it. */
    size: z.number().int().min(16).max(4096).default(512),
    /** Flattened on white for places that cannot show transparency. */
    background: z.enum(['transparent', 'white']).default('transparent'),
  })
  .strict();

export type ThumbnailPngOptions = z.output<typeof options>;

/** A PNG preview of the master at a chosen size. Cheap to import: main loads it, the worker adds `run`. */
export const thumbnailPngDescriptor: ProcessorDescriptor<ThumbnailPngOptions> = {
  id: 'thumbnail-png',
  version: 1,
  title: 'PNG preview',
  options,
};
