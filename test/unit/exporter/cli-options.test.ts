import { describe, expect, it } from 'vitest';
import { parseRecipeOptions } from '../../../src/main/cli/commands/export.ts';
import { MarqueError } from '../../../src/shared/errors.ts';

describe('marque export --option', () => {
  it('applies k=v to every recipe and R.k=v to one, parsing JSON values', () => {
    expect(
      parseRecipeOptions(
        ['pdf', 'favicon'],
        ['margin=2', 'favicon.profile=extended', 'pdf.spot=true', 'note=a=b', 'sizes=[16,32]'],
      ),
    ).toEqual({
      pdf: { margin: 2, spot: true, note: 'a=b', sizes: [16, 32] },
      favicon: { margin: 2, profile: 'extended', note: 'a=b', sizes: [16, 32] },
    });
  });

  it('keeps a dotted key that names no recipe', () => {
    expect(parseRecipeOptions(['pdf'], ['colour.space=cmyk'])).toEqual({ pdf: { 'colour.space': 'cmyk' } });
  });

  it('refuses a pair without a key', () => {
    expect(() => parseRecipeOptions(['pdf'], ['=3'])).toThrow(MarqueError);
    expect(() => parseRecipeOptions(['pdf'], ['novalue'])).toThrow(/key=value/);
  });
});
