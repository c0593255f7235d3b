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
    /**
     * A colour covering 0.02 % of the logo gets its own layer: a flag's coat of arms is dozens of
     * small colours (at 0.1 % and 16 colours Mexico's eagle kept 4 colours, ΔE76 1.06 vs
     * vtracer's 0.61; now 13 colours, 0.39).
     */
    minShare: z.number().min(0).max(0.5).default(0.0002),
    mergeDistance: z.number().min(0).max(50).default(3),
    /**
     * Up to 32 flat colours, the rest for gradients: a ramp served by its flat neighbours was two
     * or three bands (devicon jeet: ΔE76 3.2, now 0.5; inkscape wordmark 4.1, now 1.8).
     */
    maxColors: z.number().int().min(1).max(64).default(64),
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
  // v4: small colours (0.02 % of the logo, up to 32) keep their own layer.
  // v6: gradients get ramp colours of their own (see addRampColours).
  // v9: a master on paper is scored on its paper, against the plain render.
  version: 13,
  title: 'Trace (full colour SVG)',
  options,
  usesPalette: true,
};
