import { mediaPath } from '../../../shared/client.ts';
import type { FileRef } from '../../../shared/contract/desktop.ts';
import type { Logo } from '../../../shared/domain.ts';
import { plural } from '../components/format.ts';
import { errorMessage, showToast } from '../stores/toast-store.ts';
import { client } from './client.ts';

/** Files of logos and outputs as the contract names them. */
export const originalRef = (id: string): FileRef => ({ kind: 'original', id });
export const outputRef = (jobId: string, file: string): FileRef => ({ kind: 'output', id: jobId, file });

/** True in the desktop app, where the OS can open, reveal and drag files. */
export function isDesktop(): boolean {
  return window.marque !== undefined;
}

/** A browser's stand-in for "open": download the file (the browser offers to open it). */
export function download(url: string, filename?: string): void {
  const link = document.createElement('a');
  link.href = url;
  if (filename) link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Opens a file in its default app (desktop), or downloads it (browser). */
export async function openFile(ref: FileRef): Promise<void> {
  try {
    const reply = await client.call('files.open', { item: ref });
    if (reply.done === 'download') download(reply.url);
  } catch (error) {
    showToast({ tone: 'error', message: `Could not open it: ${errorMessage(error)}` });
  }
}

/** Shows a file in Finder/Explorer (desktop only; the menu offers it only there). */
export async function revealFile(ref: FileRef): Promise<void> {
  try {
    const reply = await client.call('files.reveal', { item: ref });
    if (reply.done === 'download') download(reply.url);
  } catch (error) {
    showToast({ tone: 'error', message: `Could not show it in its folder: ${errorMessage(error)}` });
  }
}

/** Copies the files' paths on this computer, one a line. */
export async function copyPaths(refs: readonly FileRef[]): Promise<void> {
  try {
    const { files } = await client.call('files.locate', { items: [...refs] });
    await navigator.clipboard.writeText(files.map((file) => file.path).join('\n'));
    showToast({
      tone: 'success',
      message: files.length === 1 ? 'Path copied' : `${plural(files.length, 'path')} copied`,
    });
  } catch (error) {
    showToast({ tone: 'error', message: `Could not copy the path: ${errorMessage(error)}` });
  }
}

export const REVEAL_LABEL = navigator.platform.startsWith('Mac')
  ? 'Show in Finder'
  : navigator.platform.startsWith('Win')
    ? 'Show in Explorer'
    : 'Show in folder';

const MIME: Readonly<Record<Logo['format'], string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  tiff: 'image/tiff',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
};

/** What a browser needs to drag a file out as a download. */
export interface DownloadItem {
  readonly url: string;
  readonly mime: string;
  readonly filename: string;
}

export function logoDownload(logo: Logo): DownloadItem {
  const ext = logo.format === 'jpeg' ? 'jpg' : logo.format;
  return { url: mediaPath('original', logo.id), mime: MIME[logo.format], filename: `${logo.name}.${ext}` };
}

/**
 * Starts a drag of files out of the window. In the desktop app the OS drag carries the real
 * files (webContents.startDrag through the preload); in a browser the drag carries download
 * links: Chromium saves a `DownloadURL` dropped on the desktop, and other apps take the URL.
 */
export function dragOut(event: React.DragEvent, refs: readonly FileRef[], downloads: readonly DownloadItem[]): void {
  const bridge = window.marque;
  if (bridge?.startDrag) {
    event.preventDefault();
    bridge.startDrag(refs);
    return;
  }
  const absolute = downloads.map((item) => new URL(item.url, location.href).href);
  const [first] = downloads;
  if (!first) return;
  event.dataTransfer.effectAllowed = 'copy';
  event.dataTransfer.setData('DownloadURL', `${first.mime}:${first.filename}:${absolute[0]}`);
  event.dataTransfer.setData('text/uri-list', absolute.join('\r\n'));
  event.dataTransfer.setData('text/plain', absolute.join('\n'));
}
