/**
 * The Electron shell, and only that: lifecycle, the window, menu, protocol and the IPC binding.
 * Everything else is the Electron-free core (src/main/core), created here with Electron's hosts.
 */

import { join } from 'node:path';
import { app, BrowserWindow, crashReporter, session, shell } from 'electron';
import { logDir } from './core/log/log-files.ts';
import { createLog, type LogHandle } from './core/log/logger.ts';
import { createStudio, type Studio } from './core/studio.ts';
import { APP_SCHEME, handleAppProtocol, registerAppScheme } from './shell/app-protocol.ts';
import { isAllowedExternalUrl } from './shell/external-links.ts';
import { bindIpc } from './shell/ipc.ts';
import { keychainSecretStorage } from './shell/keychain.ts';
import { filesFromArgv } from './shell/launch-files.ts';
import { installMenu } from './shell/menu.ts';
import { claimSingleInstance } from './shell/single-instance.ts';
import { showQueueProgress } from './shell/taskbar-progress.ts';
import { forkUtilityProcess } from './shell/utility-process.ts';
import { APP_ORIGIN, isTrustedUrl, mainWindowOptions } from './shell/window-options.ts';

const here = import.meta.dirname;
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
/** The same id as electron-builder's appId: Windows groups the taskbar and notifications by it. */
const APP_USER_MODEL_ID = 'app.marque.studio';

// A second copy hands its files to the first (second-instance) and stops here, before it opens
// the library: nothing below runs in it.
if (claimSingleInstance(app)) start();

function start(): void {
  const dataDir = process.env.MARQUE_DATA_DIR ?? join(app.getPath('userData'), 'library');
  const logs: LogHandle = createLog({ dir: logDir(dataDir) });
  const log = logs.log.child({ module: 'shell' });
  process.on('uncaughtExceptionMonitor', (error, origin) => log.fatal({ err: error, origin }, 'uncaught exception'));
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
  // Crash dumps stay on this machine, in the data folder, beside the log: nothing is uploaded.
  app.setPath('crashDumps', join(dataDir, 'crashes'));
  crashReporter.start({ uploadToServer: false, compress: true });
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  registerAppScheme();
  log.info({ version: app.getVersion(), platform: process.platform, dataDir }, 'starting');

  let studio: Studio | null = null;
  let unbindIpc: (() => void) | null = null;
  // Files opened before the library is ready (a double-click that launched the app).
  const waitingFiles: string[] = filesFromArgv(process.argv, { cwd: process.cwd(), packaged: app.isPackaged });

  const openFiles = (paths: readonly string[]) => {
    if (paths.length === 0) return;
    if (!studio) {
      waitingFiles.push(...paths);
      return;
    }
    // The same contract handler browser mode reaches over HTTP; the report goes to the window as an event.
    void studio.handlers['app.openFiles'](
      { paths: [...paths] },
      {
        mode: 'desktop',
        clientAddress: null,
      },
    ).catch((error: unknown) => log.error({ err: error, files: paths.length }, 'opened files not imported'));
  };

  const createWindow = (): BrowserWindow => {
    const window = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs')));
    window.once('ready-to-show', () => window.show());
    // No navigation away from the app and no new windows; allowlisted https links open in the browser.
    window.webContents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url, devServerUrl)) event.preventDefault();
    });
    window.webContents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      else log.warn({ url: url.slice(0, 200) }, 'refused to open a link outside the allowlist');
      return { action: 'deny' };
    });
    window.webContents.on('render-process-gone', (_event, details) =>
      log.error({ reason: details.reason, exitCode: details.exitCode }, 'the window’s renderer process died'),
    );
    void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
    return window;
  };

  const focusWindow = () => {
    const [window] = BrowserWindow.getAllWindows();
    if (!window) return createWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
    return window;
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusWindow();
    openFiles(filesFromArgv(argv, { cwd: workingDirectory, packaged: app.isPackaged }));
  });

  // macOS: Finder's "Open With", a drop on the dock icon; may arrive before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFiles([path]);
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('child-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit')
      log.warn({ type: details.type, reason: details.reason, name: details.name }, 'a helper process died');
  });

  app
    .whenReady()
    .then(async () => {
      session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      session.defaultSession.setPermissionCheckHandler(() => false);
      studio = await createStudio({
        dataDir,
        log: logs.log,
        spawn: forkUtilityProcess,
        entries: { intakeProcess: join(here, 'intake-process.js'), pipelineWorker: join(here, 'pipeline-worker.js') },
        desktop: { openPath: (path) => shell.openPath(path), showItemInFolder: (path) => shell.showItemInFolder(path) },
        secrets: keychainSecretStorage(log),
      });
      handleAppProtocol(join(here, '../renderer'), studio);
      unbindIpc = bindIpc(studio, devServerUrl);
      installMenu(studio, focusWindow);
      showQueueProgress(studio);
      createWindow();
      openFiles(waitingFiles.splice(0));
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createWindow();
      });
    })
    .catch((error: unknown) => {
      log.fatal({ err: error }, 'start-up failed');
      void logs.close().finally(() => app.exit(1));
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    // Close the core (kill intake processes, stop workers, close SQLite), then the log, before exiting.
    event.preventDefault();
    quitting = true;
    unbindIpc?.();
    void (studio?.close() ?? Promise.resolve())
      .catch((error: unknown) => log.error({ err: error }, 'the library did not close cleanly'))
      .finally(() => void logs.close().finally(() => app.quit()));
  });
}

export { APP_SCHEME };
