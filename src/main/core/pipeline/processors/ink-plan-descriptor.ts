import { z } from 'zod';
import type { ProcessorDescriptor } from '../processor.ts';

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/);

/** The spot-ink choices of a pdf or separations job, as their options spell them. */
const inkPlanOptions = z
  .object({
    palette: z
      .array(z.object({ hex, name: z.string().max(60).optional() }).strict())
      .max(32)
      .optional(),
    mergeDeltaE: z.number().min(0).max(50).default(3),
    maxInks: z.number().int().min(1).max(32).default(12),
    mergeInks: z
      .array(z.object({ from: hex, into: hex }).strict())
      .max(64)
      .optional(),
    inkNames: z.record(hex, z.string().min(1).max(60)).optional(),
    keepInks: z.array(hex).max(64).optional(),
    gradients: z.enum(['process', 'spot-tints']).default('process'),
  })
  .strict();

export type InkPlanOptions = z.output<typeof inkPlanOptions>;

/** The inks a spot PDF or separation will get. Cheap to import: main loads it, the worker adds `run`. */
export const inkPlanDescriptor: ProcessorDescriptor<InkPlanOptions> = {
  id: 'ink-plan',
  // v2: art in process gradients whose flat colours are too small to see gets no empty spot plate.
  version: 6,
  title: 'Ink plan',
  options: inkPlanOptions,
  usesPalette: true,
  usesPrint: true,
  usesInks: true,
};
