import type { ProcessorDescriptor } from '../../processor.ts';
import { type PdfOptions, pdfOptions } from './pdf-options.ts';

/** Vector PDFs, one per colourway. Cheap to import: main loads it, the worker adds `run`. */
export const pdfDescriptor: ProcessorDescriptor<PdfOptions> = {
  id: 'pdf',
  // v4: ICC CMYK, spot inks by area, PDF/X-4 (v3); one-colour holes as real geometry, no page rectangle.
  // v5: every path normalised (smooth curves, quadratics and arcs as exact cubics), SVG markers
  // drawn, zero-area outlines unfilled.
  // v6: art in process gradients whose flat colours are too small to see gets no empty spot plate.
  // v9: gradients hold their end colours before the first stop and after the last; a large
  // gradient to black ends in rich black.
  version: 18,
  title: 'Vector PDF',
  options: pdfOptions,
  usesName: true,
  usesPalette: true,
  usesPrint: true,
  usesInks: true,
};
