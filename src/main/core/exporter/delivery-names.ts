/**
 * What exported files are called: a designer's words, never a recipe's internal ones. The derived
 * cache keeps the recipe's own names (`normalized.png`); only the delivery renames them, so the
 * cache and every processor version stay as they are.
 */

/** The `{recipe}` token: the folder word for each recipe's outputs (`png`, not `normalize`). */
const RECIPE_WORDS: Readonly<Record<string, string>> = {
  normalize: 'png',
  'remove-bg': 'transparent',
  trace: 'svg',
  'trace-color': 'svg-colour',
  artwork: 'artwork',
  'ink-plan': 'inks',
  'thumbnail-png': 'thumbnail',
};

export function recipeWord(recipe: string): string {
  return RECIPE_WORDS[recipe] ?? recipe;
}

/** Single-file recipes whose file name is an internal word, renamed after the logo (and its size). */
const FILE_NAMES: Readonly<Record<string, (name: string, size: string) => string>> = {
  'normalize:normalized.png': (name, size) => (size ? `${name}-${size}.png` : `${name}.png`),
  'remove-bg:transparent.png': (name) => `${name}-transparent.png`,
  'trace:trace.svg': (name) => `${name}.svg`,
  'trace-color:trace-color.svg': (name) => `${name}-colour.svg`,
  'palette:palette.json': (name) => `${name}-palette.json`,
};

/**
 * The `{file}` token for one produced file: `acme-1024.png` for the PNG recipe's `normalized.png`;
 * files that already carry a standard name (`favicon.ico`, `png/icon-192.png`) keep it.
 */
export function deliveredFile(recipe: string, file: string, logoName: string, size: string): string {
  const rename = FILE_NAMES[`${recipe}:${file}`];
  return rename ? rename(logoName, size) : file;
}
