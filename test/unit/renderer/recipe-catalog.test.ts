import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../src/main/core/pipeline/registry.ts';
import { defaultOptions, RECIPES } from '../../../src/renderer/src/screens/Export/recipe-catalog.ts';

/**
 * The Export screen's recipe list is written by hand for designers (labels, the options worth a
 * control). Every value it can send must pass the processor's own schema, so the two cannot drift.
 */
describe('the Export catalog against the processors', async () => {
  const registry = await loadRegistry();

  it('offers every recipe a designer can order (internal recipes are left out: thumbnails, the background reading, ink plans, proofs)', () => {
    const offered = new Set(RECIPES.map((entry) => entry.id));
    expect([...registry.keys()].filter((id) => !offered.has(id))).toEqual([
      'thumbnail-png',
      'artwork',
      'ink-plan',
      'proof',
    ]);
    for (const id of offered) expect(registry.has(id), id).toBe(true);
  });

  it('sends only option values the processor accepts: the defaults, every choice, both ends of every range', () => {
    for (const entry of RECIPES) {
      const schema = registry.get(entry.id)?.options;
      if (!schema) throw new Error(`no processor ${entry.id}`);
      const accepts = (options: Record<string, unknown>) => {
        const parsed = schema.safeParse(options);
        return parsed.success ? 'ok' : `${entry.id} ${JSON.stringify(options)}: ${parsed.error.issues[0]?.message}`;
      };
      expect(accepts(defaultOptions(entry))).toBe('ok');
      for (const option of entry.options) {
        const values =
          option.kind === 'select'
            ? option.choices.map(([value]) => value)
            : option.kind === 'number'
              ? [option.min, option.max, option.value]
              : [true, false];
        for (const value of values) expect(accepts({ [option.key]: value })).toBe('ok');
      }
    }
  });

  it('every recipe refuses an option it does not know (a typo is an error, never silently ignored)', () => {
    for (const [id, processor] of registry) {
      const parsed = processor.options.safeParse({ profil: 'extended' });
      expect(parsed.success, id).toBe(false);
    }
  });
});
