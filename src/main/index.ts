/**
 * The Electron shell, and only that: lifecycle, the window, menu, protocol and the IPC binding.
 * Everything else is the Electron-free core (src/main/core), created here with Electron's hosts.
 */

import { join } from 'node:path';
import { app, BrowserWindow, session, shell } from 'electron';
import { createStudio, type Studio } from './core/studio.ts';
import { APP_SCHEME, handleAppProtocol, registerAppScheme } from './shell/app-protocol.ts';
import { bindIpc } from './shell/ipc.ts';
import { installMenu } from './shell/menu.ts';
import { showQueueProgress } from './shell/taskbar-progress.ts';
import { forkUtilityProcess } from './shell/utility-process.ts';
import { APP_ORIGIN, isTrustedUrl, mainWindowOptions } from './shell/window-options.ts';

const here = import.meta.dirname;
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let studio: Studio | null = null;
let unbindIpc: (() => void) | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs')));
  window.once('ready-to-show', () => window.show());
  // No navigation away from the app and no new windows; https links open in the browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, devServerUrl)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const dataDir = process.env.MARQUE_DATA_DIR ?? join(app.getPath('userData'), 'library');
  studio = await createStudio({
    dataDir,
    spawn: forkUtilityProcess,
    entries: { intakeProcess: join(here, 'intake-process.js'), pipelineWorker: join(here, 'pipeline-worker.js') },
  });
  handleAppProtocol(join(here, '../renderer'), studio);
  unbindIpc = bindIpc(studio, devServerUrl);
  installMenu(studio);
  showQueueProgress(studio);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('will-quit', (event) => {
  if (quitting || !studio) return;
  // Close the core (kill intake processes, stop workers, close SQLite) before exiting.
  event.preventDefault();
  quitting = true;
  unbindIpc?.();
  void studio.close().finally(() => app.quit());
});

export { APP_SCHEME };
