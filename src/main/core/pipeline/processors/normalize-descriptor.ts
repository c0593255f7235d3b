import { z } from 'zod';
import type { ProcessorDescriptor } from '../processor.ts';

const options = z
  .object({
    /** Longest side: vectors are rendered at it, larger rasters scaled down to it. */
    size: z.number().int().min(16).max(4096).default(1024),
    /** Crop empty margins (transparent, or the flat background colour). */
    trim: z.boolean().default(false),
    /** Pixels kept around the content when trimming. */
    padding: z.number().int().min(0).max(512).default(0),
  })
  .strict();

export type NormalizeOptions = z.output<typeof options>;

/** The master as straight RGBA PNG, optionally trimmed. Cheap to import: main loads it, the worker adds `run`. */
export const normalizeDescriptor: ProcessorDescriptor<NormalizeOptions> = {
  id: 'normalize',
  version: 1,
  title: 'Normalized PNG',
  options,
};
