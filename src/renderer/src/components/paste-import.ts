import type { ImportReport } from '../../../shared/domain.ts';
import { client } from '../api/client.ts';
import { mergeReports } from '../api/import-files.ts';
import { canEdit } from '../stores/app-store.ts';
import { errorMessage } from '../stores/toast-store.ts';
import { runImportWith } from './import-picker.ts';
import { isEditing } from './shortcuts.ts';

/** SVG markup as copied from an editor or a web page: optional XML prolog and comments, then <svg. */
const SVG_TEXT = /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i;

/** "Pasted 2026-12-06 14.05.09": a name that says where the logo came from and sorts by time. */
function pastedName(extension: string): string {
  const now = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  return `Pasted ${date} ${two(now.getHours())}.${two(now.getMinutes())}.${two(now.getSeconds())}.${extension}`;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
  'image/tiff': 'tiff',
  'image/avif': 'avif',
  'application/pdf': 'pdf',
};

/** What a paste holds that could be a logo: image files, else SVG text. */
export function pastedFiles(data: DataTransfer): File[] {
  const files = [...data.files].filter((file) => file.type in EXTENSIONS);
  if (files.length > 0) {
    // The clipboard names every bitmap "image.png"; a time stamp tells them apart in the library.
    return files.map((file) =>
      file.name && file.name !== 'image.png'
        ? file
        : new File([file], pastedName(EXTENSIONS[file.type] ?? 'png'), { type: file.type }),
    );
  }
  const text = data.getData('text/plain');
  if (SVG_TEXT.test(text)) return [new File([text], pastedName('svg'), { type: 'image/svg+xml' })];
  return [];
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/** Imports pasted files through the contract (bytes), with the usual import toast. */
export async function importPasted(files: readonly File[]): Promise<void> {
  await runImportWith(files.length, async () => {
    const reports: ImportReport[] = [];
    for (const file of files) {
      try {
        reports.push(await client.call('library.importBytes', { fileName: file.name, base64: await base64Of(file) }));
      } catch (error) {
        reports.push({
          outcomes: [
            {
              status: 'failed',
              path: file.name,
              code: 'INVALID_INPUT',
              message: `${file.name}: ${errorMessage(error)}`,
            },
          ],
          imported: 0,
          duplicates: 0,
          failed: 1,
          skipped: [],
        });
      }
    }
    return mergeReports(reports);
  });
}

/** Cmd/Ctrl+V (or Edit › Paste) outside a text field imports pasted images and SVG text. */
export function installPasteImport(): () => void {
  const onPaste = (event: ClipboardEvent) => {
    if (!canEdit() || !event.clipboardData || isEditing(event.target)) return;
    const files = pastedFiles(event.clipboardData);
    if (files.length === 0) return;
    event.preventDefault();
    void importPasted(files);
  };
  window.addEventListener('paste', onPaste);
  return () => window.removeEventListener('paste', onPaste);
}
