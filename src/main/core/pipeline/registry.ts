import { pathToFileURL } from 'node:url';
import type { AnyProcessorDescriptor } from './processor.ts';
import { descriptors } from './processors/descriptors.ts';

/** The recipes by id, as the main process knows them (no implementations). */
export type Registry = ReadonlyMap<string, AnyProcessorDescriptor>;

/**
 * The built-in recipes' descriptors plus the processors of extra modules (each exporting
 * `processors`). Extra modules let tests and plug-ins add recipes that run in the real pool; the
 * worker loads the same modules with their `run` (see worker-registry.ts).
 */
export async function loadRegistry(extraModules: readonly string[] = []): Promise<Registry> {
  return indexById([...descriptors, ...(await loadExtraProcessors(extraModules))]);
}

/** The `processors` list each extra module exports. */
export async function loadExtraProcessors<T extends AnyProcessorDescriptor>(
  extraModules: readonly string[],
): Promise<T[]> {
  const all: T[] = [];
  for (const file of extraModules) {
    const module = (await import(pathToFileURL(file).href)) as { processors?: readonly T[] };
    if (!Array.isArray(module.processors)) throw new Error(`${file} does not export a processors list`);
    all.push(...module.processors);
  }
  return all;
}

/** Recipes by id; refuses two of one name or a version that is not an integer >= 1. */
export function indexById<T extends AnyProcessorDescriptor>(all: readonly T[]): ReadonlyMap<string, T> {
  const registry = new Map<string, T>();
  for (const processor of all) {
    if (registry.has(processor.id)) throw new Error(`Two processors share the recipe name "${processor.id}"`);
    if (!Number.isInteger(processor.version) || processor.version < 1)
      throw new Error(`Processor ${processor.id} needs an integer version >= 1`);
    registry.set(processor.id, processor);
  }
  return registry;
}
