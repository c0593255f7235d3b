import { z } from 'zod';
import type { ProofSheet } from '../proof.ts';
import { method } from './define.ts';
import { logoId } from './library.ts';

export const proofMethods = {
  'library.proof': method<ProofSheet>()({
    summary:
      'The proof sheet of a selection: for each logo, its newest trace, colour trace, background removal and package colourways with their scores against the master, and the recipes not made yet.',
    access: 'read',
    input: z.object({ ids: z.array(logoId).min(1).max(200) }).strict(),
  }),
} as const;
