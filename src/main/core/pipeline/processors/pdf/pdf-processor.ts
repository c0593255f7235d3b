import type { Processor } from '../../processor.ts';
import { pdfDescriptor } from './pdf-descriptor.ts';
import type { PdfOptions } from './pdf-options.ts';

/**
 * Vector PDF recipe (v2: one-colour variants knock out light details and leave the backdrop out;
 * text is outlined). The drawing code (svgo, pdfkit, the tracer) loads only when a job runs, so a
 * worker that never makes a PDF never loads it.
 */
export const pdf: Processor<PdfOptions> = {
  ...pdfDescriptor,
  async run(input, opts, context) {
    const { runPdf } = await import('./render-pdf.ts');
    return runPdf(input, opts, context);
  },
};
