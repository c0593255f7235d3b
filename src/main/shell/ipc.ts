import { isAbsolute } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, nativeImage, shell } from 'electron';
import { BRIDGE_CHANNELS } from '../../preload/channels.ts';
import type { ReplyOf } from '../../shared/contract/index.ts';
import { dispatch } from '../core/dispatch.ts';
import type { Studio } from '../core/studio.ts';
import { importDialogOptions } from './import-dialog.ts';
import { isTrustedUrl } from './window-options.ts';

/**
 * The one place raw ipcMain is used: every contract method goes through `dispatch` (zod
 * validation, error envelopes) after the sender frame is checked against the app's origin.
 */
export function bindIpc(studio: Studio, devServerUrl: string | undefined): () => void {
  const log = studio.log.child({ module: 'ipc' });
  const trusted = (frameUrl: string | undefined) => frameUrl !== undefined && isTrustedUrl(frameUrl, devServerUrl);

  ipcMain.handle(BRIDGE_CHANNELS.invoke, async (event, method: unknown, input: unknown) => {
    if (!trusted(event.senderFrame?.url) || typeof method !== 'string') {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Call from an untrusted frame' } };
    }
    return dispatch(studio.handlers, method, input, { mode: 'desktop', clientAddress: null }, undefined, log);
  });

  ipcMain.handle(BRIDGE_CHANNELS.chooseFolder, async (event) => {
    if (!trusted(event.senderFrame?.url)) return null;
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = { properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });

  // Cmd/Ctrl+O and File › Import… both land here through the window: a native dialog needs no
  // user activation (an <input type=file> opened from a menu click would be refused), and on
  // macOS it can pick folders too.
  ipcMain.handle(BRIDGE_CHANNELS.chooseImportFiles, async (event) => {
    if (!trusted(event.senderFrame?.url)) return [];
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = importDialogOptions(process.platform);
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  });

  ipcMain.handle(BRIDGE_CHANNELS.showInFolder, async (event, path: unknown) => {
    if (!trusted(event.senderFrame?.url) || typeof path !== 'string' || !isAbsolute(path)) return false;
    shell.showItemInFolder(path);
    return true;
  });

  // A drag out of the window: the files are found through the same contract method browser mode
  // uses (files.locate: validated refs, copies under real names), then handed to the OS drag.
  ipcMain.on(BRIDGE_CHANNELS.startDrag, (event, items: unknown) => {
    if (!trusted(event.senderFrame?.url)) return;
    void (async () => {
      const result = await dispatch(
        studio.handlers,
        'files.locate',
        { items },
        { mode: 'desktop', clientAddress: null },
        undefined,
        log,
      );
      if (!result.ok) return;
      const paths = (result.value as ReplyOf<'files.locate'>).files.map((file) => file.path);
      const [first] = paths;
      if (!first || event.sender.isDestroyed()) return;
      const icon = await app.getFileIcon(first, { size: 'normal' }).catch(() => nativeImage.createEmpty());
      event.sender.startDrag({ file: first, files: paths, icon });
    })().catch((error: unknown) => log.warn({ err: error }, 'drag out failed'));
  });

  const unsubscribe = studio.events.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(BRIDGE_CHANNELS.event, name, payload);
    }
  });

  return () => {
    unsubscribe();
    for (const channel of [
      BRIDGE_CHANNELS.invoke,
      BRIDGE_CHANNELS.chooseFolder,
      BRIDGE_CHANNELS.chooseImportFiles,
      BRIDGE_CHANNELS.showInFolder,
    ]) {
      ipcMain.removeHandler(channel);
    }
    ipcMain.removeAllListeners(BRIDGE_CHANNELS.startDrag);
  };
}
