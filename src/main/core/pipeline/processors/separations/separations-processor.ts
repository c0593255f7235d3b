import type { Processor } from '../../processor.ts';
import type { SeparationOptions } from './separation-options.ts';
import { separationsDescriptor } from './separations-descriptor.ts';

/**
 * Colour separations recipe: spot or process plates as PDF pages and film positives, plus a
 * composite proof. The drawing code loads only when a job runs.
 */
export const separations: Processor<SeparationOptions> = {
  ...separationsDescriptor,
  async run(input, opts, context) {
    const { runSeparations } = await import('./render-separations.ts');
    return runSeparations(input, opts, context);
  },
};
