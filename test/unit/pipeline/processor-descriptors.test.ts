import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../src/main/core/pipeline/registry.ts';
import { loadProcessors } from '../../../src/main/core/pipeline/worker-registry.ts';

/**
 * Main keys and validates jobs with the descriptors; the worker runs the processors. The two lists
 * are written separately (so main never imports the drawing code), and must name the same recipes
 * with the same version, schema and cache-key facts, or a job would be keyed by one and run by another.
 */
describe('processor descriptors (main) against the processors (worker)', () => {
  it('list the same recipes, in the same order, with identical descriptor fields', async () => {
    const descriptors = await loadRegistry();
    const processors = await loadProcessors();
    expect([...descriptors.keys()]).toEqual([...processors.keys()]);
    expect(descriptors.size).toBeGreaterThanOrEqual(11);
    for (const [id, descriptor] of descriptors) {
      const processor = processors.get(id);
      if (!processor) throw new Error(`no processor ${id}`);
      expect(processor.version, id).toBe(descriptor.version);
      expect(processor.title, id).toBe(descriptor.title);
      expect(processor.options, id).toBe(descriptor.options);
      expect(Boolean(processor.usesName), id).toBe(Boolean(descriptor.usesName));
      expect(Boolean(processor.usesPalette), id).toBe(Boolean(descriptor.usesPalette));
      expect(typeof processor.run, id).toBe('function');
      expect('run' in descriptor, `${id} descriptor carries no implementation`).toBe(false);
    }
  });
});
