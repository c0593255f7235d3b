import { isAbsolute } from 'node:path';
import { BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { BRIDGE_CHANNELS } from '../../preload/channels.ts';
import { dispatch } from '../core/dispatch.ts';
import type { Studio } from '../core/studio.ts';
import { isTrustedUrl } from './window-options.ts';

/**
 * The one place raw ipcMain is used: every contract method goes through `dispatch` (zod
 * validation, error envelopes) after the sender frame is checked against the app's origin.
 */
export function bindIpc(studio: Studio, devServerUrl: string | undefined): () => void {
  const trusted = (frameUrl: string | undefined) => frameUrl !== undefined && isTrustedUrl(frameUrl, devServerUrl);

  ipcMain.handle(BRIDGE_CHANNELS.invoke, async (event, method: unknown, input: unknown) => {
    if (!trusted(event.senderFrame?.url) || typeof method !== 'string') {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Call from an untrusted frame' } };
    }
    return dispatch(studio.handlers, method, input, { mode: 'desktop', clientAddress: null });
  });

  ipcMain.handle(BRIDGE_CHANNELS.chooseFolder, async (event) => {
    if (!trusted(event.senderFrame?.url)) return null;
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = { properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });

  ipcMain.handle(BRIDGE_CHANNELS.showInFolder, async (event, path: unknown) => {
    if (!trusted(event.senderFrame?.url) || typeof path !== 'string' || !isAbsolute(path)) return false;
    shell.showItemInFolder(path);
    return true;
  });

  const unsubscribe = studio.events.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(BRIDGE_CHANNELS.event, name, payload);
    }
  });

  return () => {
    unsubscribe();
    for (const channel of [BRIDGE_CHANNELS.invoke, BRIDGE_CHANNELS.chooseFolder, BRIDGE_CHANNELS.showInFolder]) {
      ipcMain.removeHandler(channel);
    }
  };
}
