import { z } from 'zod';
import type { ProcessorDescriptor } from '../processor.ts';

const options = z
  .object({
    /** Longest side the master is read at. */
    size: z.number().int().min(64).max(2048).default(512),
  })
  .strict();

export type ArtworkReadingOptions = z.output<typeof options>;

/** The background decision and one-colour rule in force. Cheap to import: main loads it, the worker adds `run`. */
export const artworkReadingDescriptor: ProcessorDescriptor<ArtworkReadingOptions> = {
  id: 'artwork',
  version: 7,
  title: 'Background decision',
  options,
};
