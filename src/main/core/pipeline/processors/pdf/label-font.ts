import { fontFinder } from '../svg/font-finder.ts';

/**
 * The font plate labels and captions are set in, embedded (PDF/X needs every font embedded, and a
 * RIP without Helvetica would substitute): the first installed sans face, else Helvetica.
 */
let labelFont: { file: string; name?: string } | null | undefined;
export function labelFontFile(): { file: string; name?: string } | null {
  if (labelFont === undefined) {
    const choice = fontFinder().find('DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif', 400, 'normal');
    labelFont = choice
      ? {
          file: choice.face.file,
          ...(/\.(ttc|otc)$/i.test(choice.face.file) ? { name: choice.face.postscriptName } : {}),
        }
      : null;
  }
  return labelFont;
}
