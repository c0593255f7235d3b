import type { Handlers } from '../../../shared/contract/index.ts';
import type { Settings } from '../settings.ts';
import { readExportChoices, saveExportChoices } from './export-choices.ts';
import type { ExportService } from './export-service.ts';

type ExportHandlers = Pick<
  Handlers,
  | 'exports.preview'
  | 'exports.run'
  | 'exports.download'
  | 'exports.cancel'
  | 'exports.interrupted'
  | 'exports.choices'
  | 'exports.saveChoices'
>;

/** The exporter's contract methods. */
export function exportHandlers(exporter: ExportService, settings: Settings): ExportHandlers {
  return {
    'exports.choices': async () => readExportChoices(settings),
    'exports.saveChoices': async (choices) => saveExportChoices(settings, choices),
    'exports.preview': async (request, context) => exporter.preview(request, { clientAddress: context.clientAddress }),
    'exports.run': async (request, context) => exporter.run(request, { clientAddress: context.clientAddress }),
    'exports.download': async (request, context) =>
      exporter.prepareDownload(request, { clientAddress: context.clientAddress }),
    'exports.interrupted': async ({ destination }) => exporter.interrupted(destination),
    'exports.cancel': async ({ exportId }) => ({ cancelled: exporter.cancel(exportId) }),
  };
}
