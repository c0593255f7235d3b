import { pathToFileURL } from 'node:url';
import type { AnyProcessor } from './processor.ts';
import { processors } from './processors/index.ts';

/** The recipes by id. */
export type Registry = ReadonlyMap<string, AnyProcessor>;

/**
 * The built-in processors plus those of extra modules (each exporting `processors`), as both the
 * main process and the worker load them. Extra modules let tests and plug-ins add recipes that run
 * in the real pool.
 */
export async function loadRegistry(extraModules: readonly string[] = []): Promise<Registry> {
  const all: AnyProcessor[] = [...processors];
  for (const file of extraModules) {
    const module = (await import(pathToFileURL(file).href)) as { processors?: readonly AnyProcessor[] };
    if (!Array.isArray(module.processors)) throw new Error(`${file} does not export a processors list`);
    all.push(...module.processors);
  }
  const registry = new Map<string, AnyProcessor>();
  for (const processor of all) {
    if (registry.has(processor.id)) throw new Error(`Two processors share the recipe name "${processor.id}"`);
    if (!Number.isInteger(processor.version) || processor.version < 1)
      throw new Error(`Processor ${processor.id} needs an integer version >= 1`);
    registry.set(processor.id, processor);
  }
  return registry;
}
