import type { AnyProcessor } from '../processor.ts';
import { thumbnailPng } from './thumbnail-png.ts';

/**
 * Every recipe the pipeline knows, one line each. The main process imports this list to validate
 * options and compute cache keys; the worker imports it to run them. So a processor module must
 * stay cheap to import: load heavy things (wasm, fonts) lazily inside `run`.
 */
export const processors: readonly AnyProcessor[] = [
  thumbnailPng,
];
