import type { AnyProcessor } from './processor.ts';
import { processors } from './processors/index.ts';
import { indexById, loadExtraProcessors } from './registry.ts';

/** The recipes by id with their implementations, as the worker runs them. */
export type ProcessorRegistry = ReadonlyMap<string, AnyProcessor>;

/** The built-in processors plus those of extra modules; only the worker (and tests) load these. */
export async function loadProcessors(extraModules: readonly string[] = []): Promise<ProcessorRegistry> {
  return indexById([...processors, ...(await loadExtraProcessors<AnyProcessor>(extraModules))]);
}
