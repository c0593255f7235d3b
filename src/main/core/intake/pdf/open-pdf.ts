import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MarqueError } from '../../../../shared/errors.ts';

/**
 * Opens PDFs (and Illustrator files saved PDF-compatible) with pdf.js: sharp's libvips has no PDF
 * loader. Runs only inside the intake process. pdf.js gets the bytes (never a URL), no XFA, no
 * scripting, no system fonts; its font data comes from the pdfjs-dist package folder, so nothing
 * is fetched.
 */
const require = createRequire(import.meta.url);

/** A data folder of the pdfjs-dist package as a plain path: pdf.js under Node reads it with fs. */
function pdfjsFolder(sub: string): string {
  return `${join(dirname(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')), '..', '..', sub)}/`;
}

/** An open pdf.js document and how to release it. */
export interface OpenPdf {
  readonly pdf: Awaited<ReturnType<typeof import('pdfjs-dist/legacy/build/pdf.mjs').getDocument>['promise']>;
  close(): Promise<void>;
}

/**
 * Opens a PDF with pdf.js under the intake's rules (bytes only, no XFA, no scripting, no system
 * fonts, glyphs as outlines); `extra` adds options such as a CanvasFactory.
 */
export async function openPdf(bytes: Uint8Array, file: string, extra: Record<string, unknown> = {}): Promise<OpenPdf> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    // A copy: pdf.js may transfer (detach) the buffer it is given.
    data: new Uint8Array(bytes),
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    standardFontDataUrl: pdfjsFolder('standard_fonts'),
    cMapUrl: pdfjsFolder('cmaps'),
    cMapPacked: true,
    wasmUrl: pdfjsFolder('wasm'),
    ...extra,
  });
  try {
    const pdf = await task.promise;
    return { pdf, close: () => task.destroy().catch(() => {}) };
  } catch (error) {
    await task.destroy().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    const locked = /password/i.test(reason);
    throw new MarqueError(
      'DECODE_FAILED',
      `${file}: ${locked ? 'the PDF is password-protected' : `cannot be read as a PDF (${reason.slice(0, 120)})`}`,
    );
  }
}
