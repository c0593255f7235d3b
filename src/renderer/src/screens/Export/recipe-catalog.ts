/**
 * The recipes the Export screen offers, with the options a designer picks most. Option names and
 * values follow each processor's schema (the core validates them again); anything left out takes
 * the processor's default. Recipes the contract does not know yet simply fail with a clear error.
 */
export type RecipeOption =
  | {
      readonly kind: 'select';
      readonly key: string;
      readonly label: string;
      readonly choices: readonly (readonly [string, string])[];
      readonly value: string;
    }
  | {
      readonly kind: 'number';
      readonly key: string;
      readonly label: string;
      readonly min: number;
      readonly max: number;
      readonly value: number;
      readonly unit?: string;
    }
  | { readonly kind: 'boolean'; readonly key: string; readonly label: string; readonly value: boolean };

export interface RecipeEntry {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly options: readonly RecipeOption[];
}

export const RECIPES: readonly RecipeEntry[] = [
  {
    id: 'favicon',
    title: 'Favicon pack',
    description: 'favicon.ico, favicon.svg, touch and PWA icons, manifest and HTML snippet',
    options: [
      {
        kind: 'select',
        key: 'profile',
        label: 'Sizes',
        choices: [
          ['modern', 'Modern set'],
          ['extended', 'Extended set'],
          ['custom', 'Custom set'],
        ],
        value: 'modern',
      },
      {
        kind: 'select',
        key: 'darkMode',
        label: 'Dark mode icon',
        choices: [
          ['auto', 'Automatic'],
          ['always', 'Always'],
          ['never', 'Never'],
        ],
        value: 'auto',
      },
    ],
  },
  {
    id: 'pdf',
    title: 'Vector PDF',
    description: 'Exact artboard, colours as CMYK or spot inks',
    options: [
      {
        kind: 'select',
        key: 'color',
        label: 'Colour',
        choices: [
          ['cmyk', 'CMYK'],
          ['spot', 'Spot colours'],
        ],
        value: 'cmyk',
      },
      { kind: 'number', key: 'marginMm', label: 'Margin', min: 0, max: 500, value: 0, unit: 'mm' },
      {
        kind: 'select',
        key: 'gradients',
        label: 'Gradients (spot)',
        choices: [
          ['process', 'Process CMYK'],
          ['spot-tints', 'Two spot tints'],
        ],
        value: 'process',
      },
      { kind: 'boolean', key: 'pdfx', label: 'PDF/X-4 (press profile embedded)', value: false },
    ],
  },
  {
    id: 'normalize',
    title: 'PNG',
    description: 'A clean PNG at the size you choose',
    options: [
      { kind: 'number', key: 'size', label: 'Size', min: 16, max: 4096, value: 1024, unit: 'px' },
      { kind: 'boolean', key: 'trim', label: 'Trim empty edges', value: false },
    ],
  },
  { id: 'trace', title: 'SVG trace (one colour)', description: 'Bilevel vector trace of a raster logo', options: [] },
  {
    id: 'trace-color',
    title: 'SVG trace (full colour)',
    description: 'One traced layer per palette colour',
    options: [],
  },
  {
    id: 'remove-bg',
    title: 'Background removal',
    description: 'Flat backgrounds to transparency, clean edges',
    options: [],
  },
  {
    id: 'separations',
    title: 'Colour separations',
    description: 'One plate per ink with marks, as a PDF and film positives',
    options: [
      {
        kind: 'select',
        key: 'type',
        label: 'Plates',
        choices: [
          ['spot', 'Spot inks'],
          ['process', 'Process (CMYK)'],
        ],
        value: 'spot',
      },
      { kind: 'number', key: 'printWidthMm', label: 'Print width', min: 10, max: 1000, value: 100, unit: 'mm' },
      { kind: 'number', key: 'dpi', label: 'Film', min: 300, max: 1200, value: 1200, unit: 'dpi' },
      { kind: 'boolean', key: 'mirror', label: 'Emulsion down (mirror)', value: false },
      { kind: 'boolean', key: 'underbase', label: 'White underbase', value: false },
      { kind: 'boolean', key: 'pdfx', label: 'PDF/X-4 (press profile embedded)', value: false },
    ],
  },
  {
    id: 'social',
    title: 'Social media set',
    description: 'Avatars, banners and link previews for every major platform, inside each safe area',
    options: [
      {
        kind: 'select',
        key: 'background',
        label: 'Background',
        choices: [
          ['white', 'White'],
          ['palette', 'Brand colour'],
          ['black', 'Black'],
          ['transparent', 'Transparent where allowed'],
        ],
        value: 'white',
      },
      {
        kind: 'select',
        key: 'format',
        label: 'Format',
        choices: [
          ['png', 'PNG'],
          ['jpeg', 'JPEG'],
        ],
        value: 'png',
      },
    ],
  },
  {
    id: 'package',
    title: 'Logo package',
    description: 'Full colour, black, white, reversed and greyscale as SVG, PDF, PNG and JPG, with a client README',
    options: [],
  },
  { id: 'palette', title: 'Palette', description: 'Extract the colours (hex, RGB, CMYK, share of area)', options: [] },
];

export function defaultOptions(recipe: RecipeEntry): Record<string, unknown> {
  return Object.fromEntries(recipe.options.map((option) => [option.key, option.value]));
}
