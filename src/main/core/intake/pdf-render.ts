import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MarqueError } from '../../../shared/errors.ts';

/**
 * First page of a PDF (or an Illustrator file saved PDF-compatible) rendered to RGBA with pdf.js
 * on @napi-rs/canvas: sharp's libvips has no PDF loader. Runs only inside the intake process.
 * pdf.js gets the bytes (never a URL), no XFA, no scripting, no system fonts; its font data
 * comes from the pdfjs-dist package folder, so nothing is fetched.
 */
export interface RenderedPage {
  /** Page size in PDF points (1/72 in). */
  readonly pageWidth: number;
  readonly pageHeight: number;
  /** PNG of the page at the clamped size, transparent where the page draws nothing. */
  readonly png: Buffer;
}

const require = createRequire(import.meta.url);

/** A data folder of the pdfjs-dist package as a plain path: pdf.js under Node reads it with fs. */
function pdfjsFolder(sub: string): string {
  return `${join(dirname(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')), '..', '..', sub)}/`;
}

export async function renderPdfFirstPage(
  bytes: Uint8Array,
  maxSide: number,
  maxPixels: number,
  file: string,
): Promise<RenderedPage> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { createCanvas } = await import('@napi-rs/canvas');
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
  });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    const locked = /password/i.test(reason);
    throw new MarqueError(
      'DECODE_FAILED',
      `${file}: ${locked ? 'the PDF is password-protected' : `cannot be read as a PDF (${reason.slice(0, 120)})`}`,
    );
  }
  try {
    const page = await pdf.getPage(1);
    const base = page.getViewport({ scale: 1 });
    if (!(base.width >= 1 && base.height >= 1))
      throw new MarqueError('DECODE_FAILED', `${file}: the first page has no size`);
    // Clamp the render: longest side at most maxSide, total pixels within the app limit.
    let scale = maxSide / Math.max(base.width, base.height);
    scale = Math.min(scale, Math.sqrt(maxPixels / (base.width * base.height)));
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.floor(viewport.width));
    const height = Math.max(1, Math.floor(viewport.height));
    const canvas = createCanvas(width, height);
    // Our own context: given only a canvas, pdf.js opens it without alpha (opaque black behind the page).
    const canvasContext = canvas.getContext('2d') as unknown as Parameters<typeof page.render>[0]['canvasContext'];
    await page.render({ canvasContext, canvas: null, viewport, background: 'rgba(0,0,0,0)' }).promise;
    return { pageWidth: base.width, pageHeight: base.height, png: canvas.toBuffer('image/png') };
  } catch (error) {
    if (error instanceof MarqueError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MarqueError(
      'DECODE_FAILED',
      `${file}: the first page of the PDF cannot be rendered (${reason.slice(0, 120)})`,
    );
  } finally {
    await task.destroy().catch(() => {});
  }
}
