import type { OutputFile } from '../../processor.ts';
import { COLOURWAYS, type ColourwayName } from './colourways.ts';

const FORMAT_USE: Readonly<Record<string, string>> = {
  SVG: 'vector, any size without loss: websites, apps, sign makers, and for your designer',
  PDF: 'vector for print (CMYK): printers, merchandise, large formats',
  PNG: 'transparent background: slides, documents, websites, social media; pick the size closest to what you need',
  JPG: 'flat background, no transparency: Office documents, email signatures, places that reject PNG',
};

/** The client README of a logo package: which file is for what. */
export function packageReadme(input: {
  readonly name: string;
  readonly brand: string;
  readonly logoType: string;
  readonly files: readonly OutputFile[];
  readonly notes: readonly string[];
}): string {
  const colourways = [...new Set(input.files.map((f) => f.path.split('/')[1]).filter(Boolean))] as ColourwayName[];
  const formats = [...new Set(input.files.map((f) => f.path.split('/')[3]).filter(Boolean))] as string[];
  return [
    `${input.name}: logo files`,
    '',
    'How the folders are organised',
    `  ${input.logoType}/<colour>/<use>/<format>/${input.brand}_${input.logoType}_<colour profile>_<colour>[_<size in px>].<ext>`,
    '  RGB files are for screens (Digital); CMYK files, when present, are for print.',
    '',
    'Which colour version',
    ...colourways.map((c) => `  ${c.padEnd(10)} ${COLOURWAYS[c]?.label ?? c}: ${COLOURWAYS[c]?.use ?? ''}`),
    '',
    'Which format',
    ...formats.map((f) => `  ${f.padEnd(10)} ${FORMAT_USE[f] ?? ''}`),
    '',
    'Tips',
    '  - Never stretch the logo; scale it with its proportions locked.',
    '  - On dark or busy backgrounds use the White version; on light ones the Full colour or Black version.',
    '  - The JPG of the White version is on black (a white logo on white would be invisible);',
    '    its PDF is white on a dark page: print shops use the artwork, not the page colour.',
    ...(input.notes.length ? ['', 'Notes', ...input.notes.map((n) => `  - ${n}`)] : []),
    '',
    `Files (${input.files.length + 1} with this README)`,
    ...input.files.map((f) => `  ${f.path}`),
    '',
  ].join('\n');
}
