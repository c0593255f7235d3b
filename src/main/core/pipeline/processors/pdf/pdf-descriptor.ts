import type { ProcessorDescriptor } from '../../processor.ts';
import { type PdfOptions, pdfOptions } from './pdf-options.ts';

/** Vector PDFs, one per colourway. Cheap to import: main loads it, the worker adds `run`. */
export const pdfDescriptor: ProcessorDescriptor<PdfOptions> = {
  id: 'pdf',
  version: 2,
  title: 'Vector PDF',
  options: pdfOptions,
  usesName: true,
  usesPalette: true,
};
