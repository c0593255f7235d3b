import type { AnyProcessorDescriptor } from '../processor.ts';
import { artworkReadingDescriptor } from './artwork-reading-descriptor.ts';
import { faviconDescriptor } from './favicon/favicon-descriptor.ts';
import { inkPlanDescriptor } from './ink-plan-descriptor.ts';
import { normalizeDescriptor } from './normalize-descriptor.ts';
import { packageDescriptor } from './package/package-descriptor.ts';
import { paletteDescriptor } from './palette-descriptor.ts';
import { pdfDescriptor } from './pdf/pdf-descriptor.ts';
import { proofDescriptor } from './proof/proof-descriptor.ts';
import { removeBackgroundDescriptor } from './remove-background-descriptor.ts';
import { separationsDescriptor } from './separations/separations-descriptor.ts';
import { socialDescriptor } from './social/social-descriptor.ts';
import { thumbnailPngDescriptor } from './thumbnail-png-descriptor.ts';
import { traceColorDescriptor } from './trace-color-descriptor.ts';
import { traceDescriptor } from './trace-descriptor.ts';

/**
 * Every recipe the pipeline knows, as the main process sees them: names, versions and options
 * schemas, to validate options and compute cache keys. Only zod behind these imports, so Electron
 * main starts without sharp, fontkit, canvas or pdfkit; `index.ts` lists the same recipes with
 * their `run` for the worker (a test keeps the two lists in step).
 */
export const descriptors: readonly AnyProcessorDescriptor[] = [
  thumbnailPngDescriptor,
  normalizeDescriptor,
  artworkReadingDescriptor,
  removeBackgroundDescriptor,
  paletteDescriptor,
  traceDescriptor,
  traceColorDescriptor,
  pdfDescriptor,
  separationsDescriptor,
  faviconDescriptor,
  socialDescriptor,
  packageDescriptor,
  inkPlanDescriptor,
  proofDescriptor,
];
