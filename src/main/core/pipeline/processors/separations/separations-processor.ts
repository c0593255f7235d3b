import type { Processor } from '../../processor.ts';
import { type SeparationOptions, separationOptions } from './separation-options.ts';

/**
 * Colour separations recipe: spot or process plates as PDF pages and film positives, plus a
 * composite proof. The drawing code loads only when a job runs (the registry is imported by main).
 */
export const separations: Processor<SeparationOptions> = {
  id: 'separations',
  version: 3,
  title: 'Colour separations',
  options: separationOptions,
  usesName: true,
  usesPalette: true,
  async run(input, opts, context) {
    const { runSeparations } = await import('./render-separations.ts');
    return runSeparations(input, opts, context);
  },
};
