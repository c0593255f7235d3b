import type { OpenedFiles } from '../../../shared/contract/desktop.ts';
import type { ImportReport } from '../../../shared/domain.ts';
import { client } from '../api/client.ts';
import { type DroppedFile, filesFromDataTransfer, importFiles } from '../api/import-files.ts';
import { canEdit } from '../stores/app-store.ts';
import { refreshLibrary } from '../stores/library-store.ts';
import { errorMessage, showToast, updateToast } from '../stores/toast-store.ts';
import { plural } from './format.ts';

/** File types the intake accepts, offered first in the open dialog. */
export const ACCEPT = '.png,.jpg,.jpeg,.webp,.gif,.tif,.tiff,.avif,.svg,.pdf,image/*,application/pdf';

let picker: HTMLInputElement | null = null;

/** The hidden file input of the shell registers itself here, so Cmd/Ctrl+O and buttons can open it. */
export function registerPicker(input: HTMLInputElement | null): void {
  picker = input;
}

let choosing = false;

/**
 * Cmd/Ctrl+O, the Import button and File › Import…: the desktop app's native dialog (one at a
 * time: the menu's shortcut and the window's may both fire), else the browser's file picker.
 */
export function openImportDialog(): void {
  if (!canEdit()) return;
  const choose = window.marque?.chooseImportFiles;
  if (!choose) {
    picker?.click();
    return;
  }
  if (choosing) return;
  choosing = true;
  void choose()
    .then((paths) => runImportPaths(paths))
    .catch((error: unknown) => showToast({ tone: 'error', message: `Import failed: ${errorMessage(error)}` }))
    .finally(() => {
      choosing = false;
    });
}

/** Imports files and tells the designer what happened, naming every file that failed and why. */
export async function runImport(files: readonly DroppedFile[]): Promise<void> {
  if (files.length === 0 || !canEdit()) return;
  await withImportToast(files.length, (progress) => importFiles(files, progress));
}

/** Imports files and folders by path (the desktop app's dialog), with the same toast. */
export async function runImportPaths(paths: readonly string[]): Promise<void> {
  if (paths.length === 0 || !canEdit()) return;
  await withImportToast(paths.length, () => client.call('library.import', { paths: [...paths] }));
}

/** Runs an import that yields a report (a paste, an Eagle library) with the same toast. */
export function runImportWith(count: number, run: () => Promise<ImportReport>): Promise<void> {
  if (count === 0 || !canEdit()) return Promise.resolve();
  return withImportToast(count, run);
}

async function withImportToast(
  count: number,
  run: (progress: (done: number, total: number) => void) => Promise<ImportReport>,
): Promise<void> {
  const toast = showToast({ tone: 'info', message: `Importing ${plural(count, 'file')}…` }, 0);
  try {
    const report = await run((done, total) => {
      if (total > 1) updateToast(toast, { tone: 'info', message: `Importing ${done} of ${total}…` }, 0);
    });
    updateToast(toast, reportToast(report));
    await refreshLibrary();
  } catch (error) {
    updateToast(toast, { tone: 'error', message: `Import failed: ${errorMessage(error)}` });
  }
}

/** Which logos the duplicates already are: ' as "Acme"' (the first three names). */
function originals(report: ImportReport): string {
  const names = [...new Set(report.outcomes.flatMap((o) => (o.status === 'duplicate' ? [`"${o.logo.name}"`] : [])))];
  if (names.length === 0) return '';
  const shown = names.slice(0, 3).join(', ');
  return ` as ${shown}${names.length > 3 ? ` and ${names.length - 3} more` : ''}`;
}

/** The toast of an import: counts, then each failed file with its reason. */
function reportToast(report: ImportReport, prefix = '') {
  const parts = [`${prefix}Imported ${plural(report.imported, 'logo')}`];
  if (report.duplicates) parts.push(`${report.duplicates} already in the library${originals(report)}`);
  if (report.failed) parts.push(`${report.failed} failed`);
  if (report.skipped.length) parts.push(`${report.skipped.length} skipped (links or special files)`);
  const details = [
    ...report.outcomes.flatMap((o) =>
      o.status === 'failed' ? [o.message] : o.status === 'imported' ? (o.notes ?? []) : [],
    ),
    ...report.skipped.map((s) => `Skipped ${s.path}: ${s.reason}`),
  ];
  return {
    // Any failure makes it a failure toast: a green toast would hide the files that did not come in.
    tone: report.failed ? ('error' as const) : ('success' as const),
    message: parts.join(' · '),
    details,
  };
}

const shownOpened = new Set<string>();

/**
 * Files opened with Marque (Finder/Explorer, a double-click, a second launch) were imported by the
 * app; this window shows the report like its own imports, once, and marks it as shown.
 */
export async function showOpenedFiles(opened: OpenedFiles): Promise<void> {
  if (shownOpened.has(opened.id)) return;
  shownOpened.add(opened.id);
  const count = opened.report.outcomes.length;
  showToast(reportToast(opened.report, `Opened ${plural(count, 'file')} with Marque: `));
  await Promise.all([refreshLibrary(), client.call('app.ackOpenedFiles', { ids: [opened.id] })]);
}

/** Reports of files opened while the window was loading (a double-click that started the app). */
export async function showPendingOpenedFiles(): Promise<void> {
  if (!canEdit()) return;
  try {
    for (const opened of await client.call('app.openedFiles', {})) await showOpenedFiles(opened);
  } catch (error) {
    showToast({ tone: 'error', message: `Could not show the files opened with Marque: ${errorMessage(error)}` });
  }
}

export async function importDataTransfer(data: DataTransfer): Promise<void> {
  await runImport(await filesFromDataTransfer(data));
}

export function importFileList(list: FileList | null): Promise<void> {
  return runImport([...(list ?? [])].map((file) => ({ file, name: file.name })));
}
