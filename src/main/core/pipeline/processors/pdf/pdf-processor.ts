import type { Processor } from '../../processor.ts';
import { type PdfOptions, pdfOptions } from './pdf-options.ts';

/**
 * Vector PDF recipe (v2: one-colour variants knock out light details and leave the backdrop out;
 * text is outlined). The registry imports this in the main process, so the drawing code (svgo,
 * pdfkit, the tracer) loads only when a job runs.
 */
export const pdf: Processor<PdfOptions> = {
  id: 'pdf',
  version: 3,
  title: 'Vector PDF',
  options: pdfOptions,
  usesName: true,
  usesPalette: true,
  async run(input, opts, context) {
    const { runPdf } = await import('./render-pdf.ts');
    return runPdf(input, opts, context);
  },
};
