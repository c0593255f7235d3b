/** Names of recipes as a designer reads them; unknown recipes show their id in words. */
const LABELS: Record<string, string> = {
  'thumbnail-png': 'PNG preview',
  normalize: 'PNG',
  'remove-bg': 'Background removal',
  'png-sizes': 'PNG sizes',
  png: 'PNG sizes',
  svg: 'Clean SVG',
  'svg-clean': 'Clean SVG',
  trace: 'Vector trace',
  'trace-bilevel': 'Vector trace (one colour)',
  'trace-color': 'Vector trace (full colour)',
  pdf: 'Vector PDF',
  favicon: 'Favicon pack',
  'favicon-pack': 'Favicon pack',
  social: 'Social media set',
  'social-set': 'Social media set',
  separations: 'Colour separations',
  'remove-background': 'Background removal',
  palette: 'Palette',
  package: 'Logo package',
  'ink-plan': 'Ink plan',
};

export function recipeLabel(recipe: string): string {
  const known = LABELS[recipe];
  if (known) return known;
  const words = recipe.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
