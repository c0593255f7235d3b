import type { ProcessorDescriptor } from '../../processor.ts';
import { type SeparationOptions, separationOptions } from './separation-options.ts';

/** Spot or process colour separations with film positives. Cheap to import: main loads it, the worker adds `run`. */
export const separationsDescriptor: ProcessorDescriptor<SeparationOptions> = {
  id: 'separations',
  // v3: inks by printed area, ICC process builds, trap on by default, no empty plates, embedded label font.
  version: 3,
  title: 'Colour separations',
  options: separationOptions,
  usesName: true,
  usesPalette: true,
  usesPrint: true,
};
