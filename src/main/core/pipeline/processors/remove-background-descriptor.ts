import { z } from 'zod';
import type { ProcessorDescriptor } from '../processor.ts';
import { DEFAULT_BACKGROUND_TOLERANCE } from './raster/background.ts';

const options = z
  .object({
    /** Longest side: vectors are rendered at it, larger rasters scaled down to it. */
    size: z.number().int().min(16).max(4096).default(2048),
    /** CIE76 distance under which a pixel is the background's colour (JPEG noise is ~2-6). */
    tolerance: z.number().min(0.5).max(60).default(DEFAULT_BACKGROUND_TOLERANCE),
  })
  .strict();

export type RemoveBackgroundOptions = z.output<typeof options>;

/** The master with its flat background made transparent. Cheap to import: main loads it, the worker adds `run`. */
export const removeBackgroundDescriptor: ProcessorDescriptor<RemoveBackgroundOptions> = {
  id: 'remove-bg',
  // v2: the background decision: a full-bleed field is art, counters of paper are cleared.
  version: 7,
  title: 'Background removed (PNG)',
  options,
};
