import type { ImportOutcome, ImportReport } from '../../../shared/domain.ts';
import { toErrorEnvelope } from '../../../shared/errors.ts';
import { client } from './client.ts';
import { postApi } from './http-bridge.ts';

/** Files to import, as the browser gives them: a File and the path shown in reports. */
export interface DroppedFile {
  readonly file: File;
  readonly name: string;
}

export function mergeReports(reports: readonly ImportReport[]): ImportReport {
  const outcomes: ImportOutcome[] = reports.flatMap((report) => report.outcomes);
  return {
    outcomes,
    imported: reports.reduce((n, r) => n + r.imported, 0),
    duplicates: reports.reduce((n, r) => n + r.duplicates, 0),
    failed: reports.reduce((n, r) => n + r.failed, 0),
    skipped: reports.flatMap((report) => report.skipped),
  };
}

function failed(name: string, error: unknown): ImportReport {
  const { code, message } = toErrorEnvelope(error);
  return {
    outcomes: [
      { status: 'failed', path: name, code, message: message.includes(name) ? message : `${name}: ${message}` },
    ],
    imported: 0,
    duplicates: 0,
    failed: 1,
    skipped: [],
  };
}

/**
 * Imports dropped or picked files. In Electron the preload turns each File into its path (folders
 * too) and the core reads them; in a browser the bytes are uploaded one file per request.
 */
export async function importFiles(
  files: readonly DroppedFile[],
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ImportReport> {
  const preload = window.marque;
  if (preload) {
    const paths = files.map(({ file }) => preload.pathForFile(file)).filter(Boolean);
    if (paths.length === 0) return mergeReports([]);
    onProgress(0, paths.length);
    const report = await client.call('library.import', { paths });
    onProgress(paths.length, paths.length);
    return report;
  }
  const reports: ImportReport[] = [];
  let done = 0;
  onProgress(0, files.length);
  // Two uploads in flight: keeps the intake busy without flooding a small machine.
  const queue = [...files];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { file, name } = next;
      try {
        const path = `library.upload?name=${encodeURIComponent(name)}`;
        reports.push((await postApi(path, file, 'application/octet-stream', name)) as ImportReport);
      } catch (error) {
        reports.push(failed(name, error));
      }
      onProgress(++done, files.length);
    }
  };
  await Promise.all([worker(), worker()]);
  return mergeReports(reports);
}

/** Walks a drop's items, descending into folders (browser mode cannot send a folder path). */
export async function filesFromDataTransfer(data: DataTransfer): Promise<DroppedFile[]> {
  const entries = [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => ({ item, entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  // Electron can import a folder by its path, so keep the folder's File as is there.
  if (window.marque || entries.every(({ entry }) => !entry?.isDirectory)) {
    return entries.flatMap(({ file }) => (file ? [{ file, name: file.name }] : []));
  }
  const out: DroppedFile[] = [];
  for (const { entry, file } of entries) {
    if (entry) await walk(entry, out);
    else if (file) out.push({ file, name: file.name });
  }
  return out;
}

async function walk(entry: FileSystemEntry, out: DroppedFile[], depth = 0): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    if (!file.name.startsWith('.')) out.push({ file, name: file.name });
    return;
  }
  if (!entry.isDirectory || depth > 8) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, out, depth + 1);
  }
}
