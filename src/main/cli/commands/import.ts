import type { EagleImportReport } from '../../../shared/contract/library.ts';
import type { Command } from '../command.ts';

export const importCommand: Command = {
  name: 'import',
  usage:
    'marque import <files|folders…> [--tag T]… [--keep-source] [--data-dir D] [--json] | marque import --eagle <X.library>',
  summary:
    'Import logo files and folders (recursive) into the library; --keep-source also keeps each untouched file beside its sanitized master; --eagle moves in an Eagle library (names, tags, notes, ratings, folders as collections).',
  options: {
    tag: { type: 'string', multiple: true },
    'keep-source': { type: 'boolean', default: false },
    eagle: { type: 'string' },
  },
  async run(context) {
    const eagleFolder = context.values.eagle as string | undefined;
    if (context.positionals.length === 0 && !eagleFolder) {
      context.log('marque import: give at least one file or folder');
      return 2;
    }
    const studio = await context.openStudio();
    const tags = (context.values.tag as string[] | undefined) ?? [];
    let eagle: EagleImportReport | null = null;
    if (eagleFolder)
      eagle = await studio.handlers['library.importEagle'](
        { path: eagleFolder },
        { mode: 'desktop', clientAddress: null },
      );
    const report =
      eagle?.report ??
      (await studio.library.importPaths(context.positionals, tags, null, {
        keepSource: context.values['keep-source'] === true,
      }));
    if (context.json) {
      context.reply({
        imported: report.imported,
        duplicates: report.duplicates,
        failed: report.failed,
        outcomes: report.outcomes.map((o) =>
          o.status === 'failed'
            ? { status: o.status, path: o.path, code: o.code, message: o.message }
            : {
                status: o.status,
                path: o.path,
                id: o.logo.id,
                name: o.logo.name,
                ...(o.status === 'imported' && o.notes ? { notes: o.notes } : {}),
              },
        ),
        skipped: report.skipped,
        ...(eagle
          ? { eagle: { collections: eagle.collections, rated: eagle.rated, skippedTrashed: eagle.skippedTrashed } }
          : {}),
      });
    } else {
      for (const o of report.outcomes) {
        if (o.status === 'imported') {
          context.log(`imported   ${o.logo.id}  ${o.path}`);
          for (const note of o.notes ?? []) context.log(`           ${note}`);
        } else if (o.status === 'duplicate')
          context.log(`duplicate  ${o.logo.id}  ${o.path} (already in the library as "${o.logo.name}")`);
        else context.log(`failed     ${o.code}  ${o.message}`);
      }
      for (const s of report.skipped) context.log(`skipped    ${s.path}: ${s.reason}`);
      const skipped = report.skipped.length > 0 ? `, ${report.skipped.length} skipped` : '';
      context.log(
        `${report.imported} imported, ${report.duplicates} already in the library, ${report.failed} failed${skipped}`,
      );
      if (eagle)
        context.log(
          `from Eagle: ${eagle.collections} collections, ${eagle.rated} rated, ${eagle.skippedTrashed} left in Eagle's trash`,
        );
    }
    return report.failed > 0 && report.imported + report.duplicates === 0 ? 1 : 0;
  },
};
