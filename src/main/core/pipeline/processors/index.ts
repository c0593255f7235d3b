import type { AnyProcessor } from '../processor.ts';
import { artworkReading } from './artwork-reading.ts';
import { faviconProcessor } from './favicon/favicon-processor.ts';
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
 * Every recipe the pipeline knows, one line each. The main process imports this list to validate
 * options and compute cache keys; the worker imports it to run them. So a processor module must
 * stay cheap to import: load heavy things (wasm, fonts) lazily inside `run`.
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
  proofProcessor,
];
