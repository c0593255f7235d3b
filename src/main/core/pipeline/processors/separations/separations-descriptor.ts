import type { ProcessorDescriptor } from '../../processor.ts';
import { type SeparationOptions, separationOptions } from './separation-options.ts';

/** Spot or process colour separations with film positives. Cheap to import: main loads it, the worker adds `run`. */
export const separationsDescriptor: ProcessorDescriptor<SeparationOptions> = {
  id: 'separations',
  // v4: inks by printed area, ICC builds, trap by default (v3); the background decision.
  // v5: normalised paths, SVG markers, no plate for zero-area fills.
  // v6: art in process gradients whose flat colours are too small to see gets no empty spot plate.
  // v9: gradients hold their end colours before the first stop and after the last.
  version: 17,
  title: 'Colour separations',
  options: separationOptions,
  usesName: true,
  usesPalette: true,
  usesPrint: true,
  usesInks: true,
};
