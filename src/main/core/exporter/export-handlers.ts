import type { Handlers } from '../../../shared/contract/index.ts';
import type { ExportService } from './export-service.ts';

type ExportHandlers = Pick<Handlers, 'exports.preview' | 'exports.run'>;

/** The exporter's contract methods. */
export function exportHandlers(exporter: ExportService): ExportHandlers {
  return {
    'exports.preview': async (request) => exporter.preview(request),
    'exports.run': async (request) => exporter.run(request),
  };
}
