import { z } from 'zod';
import type { ProcessorDescriptor } from '../processor.ts';
import { potraceOptionShape } from './vector/options.ts';

const options = z
  .object({
    ...potraceOptionShape,
    /** 0-1: how far from the background towards the ink colour (or alpha) a pixel must be to be ink. */
    threshold: z.number().min(0).max(1).default(0.5),
    /** Fill colour of the trace; the mark's own dominant colour when not given. */
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .optional(),
  })
  .strict();

export type TraceOptions = z.output<typeof options>;

/** Bilevel trace to a one-colour SVG. Cheap to import: main loads it, the worker adds `run`. */
export const traceDescriptor: ProcessorDescriptor<TraceOptions> = {
  id: 'trace',
  // v3: the background decision and one-colour rule; dark marks on white touching the edges; small rasters enlarged.
  version: 9,
  title: 'Trace (one colour SVG)',
  options,
};
