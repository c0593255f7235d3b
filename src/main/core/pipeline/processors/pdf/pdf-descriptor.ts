import type { ProcessorDescriptor } from '../../processor.ts';
import { type PdfOptions, pdfOptions } from './pdf-options.ts';

/** Vector PDFs, one per colourway. Cheap to import: main loads it, the worker adds `run`. */
export const pdfDescriptor: ProcessorDescriptor<PdfOptions> = {
  id: 'pdf',
  // v3: CMYK through the press ICC profile within its coverage limit, spot inks by printed area, PDF/X-4.
  version: 3,
  title: 'Vector PDF',
  options: pdfOptions,
  usesName: true,
  usesPalette: true,
  usesPrint: true,
};
