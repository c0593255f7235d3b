/**
 * What a PDF master lost when it was converted to the SVG master every recipe reads (a soft mask
 * traced to an outline, a blend mode drawn as normal). The import names it once; written into the
 * master as a <desc> (which the sanitizer keeps), it goes with every output made from the logo.
 */

const NOTE_ID = 'marque-conversion';
/** The note sits right after the root tag: only the master's head is searched. */
const HEAD_BYTES = 4096;
const MAX_NOTE_CHARS = 600;

const escapeText = (text: string): string => text.replace(/[<>&]/g, (ch) => `&#${ch.charCodeAt(0)};`);
const unescapeText = (text: string): string =>
  text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

/** The <desc> to put first inside the converted master's root, or '' when nothing was lost. */
export function conversionNoteElement(losses: readonly string[]): string {
  if (losses.length === 0) return '';
  return `<desc id="${NOTE_ID}">${escapeText(losses.join(', ').slice(0, MAX_NOTE_CHARS))}</desc>`;
}

/** The warning every output of a converted master carries, in a designer's words; [] when none. */
export function conversionWarnings(master: Uint8Array): string[] {
  const head = new TextDecoder().decode(master.subarray(0, HEAD_BYTES));
  const match = new RegExp(`<desc id="${NOTE_ID}">([^<]{1,${MAX_NOTE_CHARS * 6}})</desc>`).exec(head);
  if (!match) return [];
  const losses = unescapeText(match[1] as string);
  return [
    `This master was converted from a PDF that could not all be kept as vectors (${losses}): the output follows the converted shapes there.`,
  ];
}
