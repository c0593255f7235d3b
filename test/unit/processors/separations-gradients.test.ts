import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { separations } from '../../../src/main/core/pipeline/processors/separations/separations-processor.ts';
import { context, svgInput } from './helpers.ts';

const require = createRequire(import.meta.url);

/** Iconify's activeloop icon: every shape is a gradient, so there is no flat colour to be a spot ink. */
function gradientOnlyLogo(): string {
  const data = require('@iconify-json/logos/icons.json') as {
    width?: number;
    height?: number;
    icons: Record<string, { body: string; width?: number; height?: number }>;
  };
  const icon = data.icons['activeloop-icon'];
  if (!icon) throw new Error('activeloop-icon is missing from @iconify-json/logos');
  const width = icon.width ?? data.width ?? 256;
  const height = icon.height ?? data.height ?? 256;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${icon.body}</svg>`;
}

describe('spot separations of a logo drawn only in gradients', () => {
  it('are made in process colour with a warning, instead of failing as "white only"', async () => {
    const result = await separations.run(
      await svgInput(gradientOnlyLogo(), 'activeloop'),
      separations.options.parse({ type: 'spot' }),
      context(),
    );
    const facts = result.facts as { plates: { name: string }[]; warnings: string[] };
    expect(facts.plates.map((plate) => plate.name)).toEqual(expect.arrayContaining(['Magenta', 'Yellow']));
    expect(facts.warnings.join('\n')).toMatch(/only in gradients.*process colour/);
    expect(result.files.some((file) => file.path.endsWith('.pdf'))).toBe(true);
  });
});
