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

export function openImportDialog(): void {
  if (canEdit()) picker?.click();
}

/** Imports files and tells the designer what happened, naming every file that failed and why. */
export async function runImport(files: readonly DroppedFile[]): Promise<void> {
  if (files.length === 0 || !canEdit()) return;
  const toast = showToast({ tone: 'info', message: `Importing ${plural(files.length, 'file')}…` }, 0);
  try {
    const report = await importFiles(files, (done, total) => {
      if (total > 1) updateToast(toast, { tone: 'info', message: `Importing ${done} of ${total}…` }, 0);
    });
    const parts = [`Imported ${plural(report.imported, 'logo')}`];
    if (report.duplicates) parts.push(`${report.duplicates} already in the library`);
    if (report.failed) parts.push(`${report.failed} failed`);
    if (report.skipped.length) parts.push(`${report.skipped.length} skipped (links or special files)`);
    const details = [
      ...report.outcomes.flatMap((o) =>
        o.status === 'failed' ? [o.message] : o.status === 'imported' ? (o.notes ?? []) : [],
      ),
      ...report.skipped.map((s) => `Skipped ${s.path}: ${s.reason}`),
    ];
    updateToast(toast, {
      tone: report.failed && !report.imported && !report.duplicates ? 'error' : 'success',
      message: parts.join(' · '),
      details,
    });
    await refreshLibrary();
  } catch (error) {
    updateToast(toast, { tone: 'error', message: `Import failed: ${errorMessage(error)}` });
  }
}

export async function importDataTransfer(data: DataTransfer): Promise<void> {
  await runImport(await filesFromDataTransfer(data));
}

export function importFileList(list: FileList | null): Promise<void> {
  return runImport([...(list ?? [])].map((file) => ({ file, name: file.name })));
}
