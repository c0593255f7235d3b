import { MarqueError } from '../../../../shared/errors.ts';

/**
 * Logos imported as PDF before PDFs were converted at import keep a PDF master no recipe can
 * read: say how to fix it (import again) rather than fail with a retry that cannot help.
 */
export function storedPdfMaster(name: string): MarqueError {
  return new MarqueError(
    'UNSUPPORTED_FORMAT',
    `${name}: this logo's master is a PDF stored by an earlier Marque; import the PDF again (or replace the master with it) and it becomes vector artwork every recipe can use`,
  );
}
