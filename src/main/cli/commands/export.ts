import { resolve } from 'node:path';
import { DEFAULT_TEMPLATE, type ExportProgress, exportRequest } from '../../../shared/contract/exports.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { Command } from '../command.ts';

/** `--option k=v` applies to every recipe; `--option favicon.profile=extended` to one. JSON values are parsed. */
export function parseRecipeOptions(
  recipes: readonly string[],
  pairs: readonly string[],
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = Object.fromEntries(recipes.map((r) => [r, {}]));
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new MarqueError('INVALID_INPUT', `--option "${pair}" is not key=value`);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // A plain word stays a string.
    }
    const dot = key.indexOf('.');
    const target = dot > 0 && recipes.includes(key.slice(0, dot)) ? key.slice(0, dot) : null;
    const name = target ? key.slice(dot + 1) : key;
    for (const recipe of target ? [target] : recipes) (out[recipe] as Record<string, unknown>)[name] = value;
  }
  return out;
}

function bar(progress: ExportProgress, width = 24): string {
  const ratio = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  const filled = Math.round(ratio * width);
  const label = `${progress.phase} ${progress.done}/${progress.total}`;
  const current = progress.current ? ` ${progress.current}` : '';
  const columns = process.stderr.columns || 80; // 0 when the terminal size is unknown
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${label}${current}`.slice(0, columns - 1);
}

export const exportCommand: Command = {
  name: 'export',
  usage:
    'marque export <logo ids…> --recipe R… --out DIR [--template T] [--option [R.]k=v]… [--conflict skip|overwrite|rename] [--zip] [--resume | --fresh] [--json]',
  summary: `Export logos x recipes into a folder (or one zip) with a verified manifest.json. Template default: ${DEFAULT_TEMPLATE}. The same folder export run again after it was interrupted writes only the missing files (--resume insists on that, --fresh starts over beside it).`,
  options: {
    recipe: { type: 'string', multiple: true },
    out: { type: 'string' },
    template: { type: 'string' },
    option: { type: 'string', multiple: true },
    conflict: { type: 'string' },
    zip: { type: 'boolean', default: false },
    resume: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
  },
  async run(context) {
    const recipes = (context.values.recipe as string[] | undefined) ?? [];
    const out = context.values.out as string | undefined;
    if (context.positionals.length === 0 || recipes.length === 0 || !out) {
      context.log('marque export: give logo ids, at least one --recipe and --out DIR');
      return 2;
    }
    if (context.values.resume === true && context.values.fresh === true) {
      context.log('marque export: give --resume or --fresh, not both');
      return 2;
    }
    const options = parseRecipeOptions(recipes, (context.values.option as string[] | undefined) ?? []);
    const parsed = exportRequest.safeParse({
      logoIds: context.positionals,
      recipes: recipes.map((recipe) => ({ recipe, options: options[recipe] })),
      destination: resolve(out),
      template: context.values.template,
      conflict: context.values.conflict,
      zip: context.values.zip === true,
      resume: context.values.resume === true ? true : context.values.fresh === true ? false : undefined,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      context.log(`marque export: ${issue?.path.join('.') || 'input'}: ${issue?.message}`);
      return 2;
    }
    const studio = await context.openStudio();
    const tty = process.stderr.isTTY === true;
    const unsubscribe = studio.events.subscribe((name, payload) => {
      if (name !== 'exports.progress' || !tty) return;
      process.stderr.write(`\r\x1b[2K${bar(payload as ExportProgress)}`);
    });
    let summary: Awaited<ReturnType<typeof studio.exporter.run>>;
    try {
      summary = await studio.exporter.run(parsed.data);
    } finally {
      unsubscribe();
      if (tty) process.stderr.write('\r\x1b[2K');
    }
    if (context.json) {
      context.reply({
        exportId: summary.exportId,
        destination: summary.destination,
        zipPath: summary.zipPath,
        manifestPath: summary.manifestPath,
        written: summary.written.map((f) => ({
          path: f.absolutePath,
          bytes: f.bytes,
          sha256: f.sha256,
          logoId: f.logoId,
          recipe: f.recipe,
          action: f.action,
        })),
        skipped: summary.skipped.map((s) => ({
          path: resolve(summary.destination, s.path),
          logoId: s.logoId,
          recipe: s.recipe,
        })),
        failures: summary.failures,
        warnings: summary.warnings,
        totalBytes: summary.totalBytes,
        durationMs: summary.durationMs,
        resumed: summary.resumed,
      });
    } else {
      for (const failure of summary.failures) context.log(`failed   ${failure.code}  ${failure.message}`);
      for (const warning of summary.warnings)
        context.log(`warning  ${warning.logoName} (${warning.recipe}): ${warning.message}`);
      const where = summary.zipPath ?? summary.destination;
      if (summary.resumed)
        context.log(
          `resumed the export interrupted on ${summary.resumed.startedAt}: ${summary.resumed.kept} of its files were already there`,
        );
      context.log(
        `${summary.written.length} files written to ${where} (${summary.skipped.length} skipped, ${summary.failures.length} failed)` +
          (summary.manifestPath ? `; manifest: ${summary.manifestPath}` : ''),
      );
    }
    return summary.failures.length > 0 ? 1 : 0;
  },
};
