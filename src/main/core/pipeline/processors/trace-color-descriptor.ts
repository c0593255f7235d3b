import { z } from 'zod';
import type { ProcessorDescriptor } from '../processor.ts';
import { potraceOptionShape } from './vector/options.ts';

const options = z
  .object({
    ...potraceOptionShape,
    /** A palette to quantize to ('#rrggbb'); else the logo's locked palette, else its own colours. */
    palette: z
      .array(z.string().regex(/^#[0-9a-fA-F]{6}$/))
      .min(1)
      .max(64)
      .optional(),
    minShare: z.number().min(0).max(0.5).default(0.001),
    mergeDistance: z.number().min(0).max(50).default(3),
    maxColors: z.number().int().min(1).max(64).default(16),
    /**
     * 'auto': vector masters are traced whole (their transparency is authoritative), rasters lose a
     * flat background reached from the border. 'keep' / 'remove' force either.
     */
    background: z.enum(['auto', 'keep', 'remove']).default('auto'),
  })
  .strict();

export type TraceColorOptions = z.output<typeof options>;

/** Full-colour trace to a layered SVG. Cheap to import: main loads it, the worker adds `run`. */
export const traceColorDescriptor: ProcessorDescriptor<TraceColorOptions> = {
  id: 'trace-color',
  // v3: the background decision (a coloured field is art, paper is removed); honest fidelity.
  version: 3,
  title: 'Trace (full colour SVG)',
  options,
  usesPalette: true,
};
