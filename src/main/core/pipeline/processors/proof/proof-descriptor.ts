import { z } from 'zod';
import type { ProcessorDescriptor } from '../../processor.ts';

const options = z
  .object({
    /** Long side of each picture on the sheet, px. */
    size: z.number().int().min(64).max(512).default(200),
  })
  .strict();

export type ProofOptions = z.output<typeof options>;

/** Every output beside its master with its score. Cheap to import: main loads it, the worker adds `run`. */
export const proofDescriptor: ProcessorDescriptor<ProofOptions> = {
  id: 'proof',
  version: 4,
  title: 'Proof sheet',
  usesName: true,
  options,
};
