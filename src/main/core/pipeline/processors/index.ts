import type { AnyProcessor } from '../processor.ts';
import { artworkReading } from './artwork-reading.ts';
import { faviconProcessor } from './favicon/favicon-processor.ts';
import { inkPlan } from './ink-plan.ts';
import { normalize } from './normalize.ts';
import { packageProcessor } from './package/package-processor.ts';
import { paletteProcessor } from './palette.ts';
import { pdf } from './pdf/pdf-processor.ts';
import { proofProcessor } from './proof/proof-processor.ts';
import { removeBackgroundProcessor } from './remove-background.ts';
import { separations } from './separations/separations-processor.ts';
import { socialProcessor } from './social/social-processor.ts';
import { thumbnailPng } from './thumbnail-png.ts';
import { trace } from './trace.ts';
import { traceColor } from './trace-color.ts';

/**
 * Every recipe with its implementation, one line each, in the order of `descriptors.ts`. Only the
 * worker (and tests) import this list; the main process reads the descriptors.
 */
export const processors: readonly AnyProcessor[] = [
  thumbnailPng,
  normalize,
  artworkReading,
  removeBackgroundProcessor,
  paletteProcessor,
  trace,
  traceColor,
  pdf,
  separations,
  faviconProcessor,
  socialProcessor,
  packageProcessor,
  inkPlan,
  proofProcessor,
];
