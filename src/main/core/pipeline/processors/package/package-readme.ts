import type { OutputFile } from '../../processor.ts';
import { COLOURWAYS, type ColourwayName } from './colourways.ts';

const FORMAT_USE: Readonly<Record<string, string>> = {
  SVG: 'vector, any size without loss: websites, apps, sign makers, and for your designer',
  PDF: 'vector for print (CMYK): printers, merchandise, large formats',
  PNG: 'transparent background: slides, documents, websites, social media; pick the size closest to what you need',
  JPG: 'flat background, no transparency: Office documents, email signatures, places that reject PNG',
};

/** What the README says about print colour: the press profile and the brand colours' builds. */
export interface PrintColour {
  readonly profile: string;
  readonly intent: 'relative' | 'perceptual';
  readonly coverageLimit: number;
  readonly pdfx: boolean;
  readonly colours: readonly {
    readonly hex: string;
    readonly cmyk: readonly number[];
    readonly name?: string;
    readonly ink?: string;
  }[];
}

function printSection(print: PrintColour): string[] {
  const intent = print.intent === 'relative' ? 'relative colorimetric' : 'perceptual';
  return [
    '',
    'Print colour',
    `  CMYK files are separated for ${print.profile} (${intent}), total ink at most ${print.coverageLimit} %.`,
    print.pdfx
      ? '  The PDFs are PDF/X-4 with that profile embedded: a print shop can check them as they are.'
      : '  Ask your printer for their press profile if the colour must be exact.',
    ...print.colours.map(
      (c) =>
        `  ${c.hex.toUpperCase()}  C${c.cmyk[0]} M${c.cmyk[1]} Y${c.cmyk[2]} K${c.cmyk[3]}${c.name ? `  ${c.name}` : ''}${c.ink ? `  nearest ink: ${c.ink}` : ''}`,
    ),
  ];
}

/** The client README of a logo package: which file is for what. */
export function packageReadme(input: {
  readonly name: string;
  readonly brand: string;
  readonly logoType: string;
  readonly files: readonly OutputFile[];
  readonly notes: readonly string[];
  readonly print?: PrintColour;
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
    ...(input.print ? printSection(input.print) : []),
    ...(input.notes.length ? ['', 'Notes', ...input.notes.map((n) => `  - ${n}`)] : []),
    '',
    `Files (${input.files.length + 1} with this README)`,
    ...input.files.map((f) => `  ${f.path}`),
    '',
  ].join('\n');
}
