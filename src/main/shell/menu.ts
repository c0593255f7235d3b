import { existsSync } from 'node:fs';
import { app, BrowserWindow, Menu, shell } from 'electron';
import { logDir } from '../core/log/log-files.ts';
import { LOG_FILE } from '../core/log/logger.ts';
import type { Studio } from '../core/studio.ts';
import { menuTemplate } from './menu-template.ts';

/**
 * Installs the application menu. File › Import… asks the window to open its picker (the same
 * path as Cmd/Ctrl+O, so the report is shown); with no window open, one is opened first.
 */
export function installMenu(studio: Studio, openWindow: () => BrowserWindow): void {
  const log = studio.log.child({ module: 'menu' });
  const template = menuTemplate(
    {
      importFiles: () => {
        const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? openWindow();
        const ask = () => studio.events.emit('app.command', { command: 'import' });
        if (window.webContents.isLoading()) window.webContents.once('did-finish-load', ask);
        else ask();
      },
      showLogs: () => {
        const file = `${logDir(studio.dataDir)}/${LOG_FILE}`;
        if (existsSync(file)) shell.showItemInFolder(file);
        else
          void shell.openPath(logDir(studio.dataDir)).then((error) => {
            if (error) log.warn({ dir: logDir(studio.dataDir), reason: error }, 'log folder did not open');
          });
      },
    },
    { isMac: process.platform === 'darwin', version: app.getVersion() },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
