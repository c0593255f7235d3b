import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import type { Studio } from '../core/studio.ts';

/** The application menu with the usual roles, plus File › Import… (the shortcut the UI also documents). */
export function installMenu(studio: Studio): void {
  const isMac = process.platform === 'darwin';
  const importFiles = async () => {
    const window = BrowserWindow.getFocusedWindow();
    const options = {
      title: 'Import logos',
      properties: ['openFile', 'openDirectory', 'multiSelections'] as Array<
        'openFile' | 'openDirectory' | 'multiSelections'
      >,
      filters: [
        {
          name: 'Logos',
          extensions: ['svg', 'svgz', 'png', 'jpg', 'jpeg', 'webp', 'gif', 'tif', 'tiff', 'avif', 'pdf', 'ai'],
        },
      ],
    };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    if (!result.canceled && result.filePaths.length > 0) await studio.library.importPaths(result.filePaths);
  };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+Shift+O', click: () => void importFiles() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: `Marque ${app.getVersion()}`, enabled: false }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
