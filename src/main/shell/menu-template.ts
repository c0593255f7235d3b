import type { MenuItemConstructorOptions } from 'electron';

/** What the menu's own items do; the shell wires them, a unit test passes fakes. */
export interface MenuActions {
  /** File › Import…: the window runs the same picker as Cmd/Ctrl+O, and shows its report. */
  readonly importFiles: () => void;
  /** Help › Show Logs: the log folder in Finder/Explorer. */
  readonly showLogs: () => void;
}

/**
 * The application menu: the platform's usual roles plus File › Import… and Help › Show Logs.
 * Only Electron's types are imported, so the template is checked without an Electron binary.
 */
export function menuTemplate(
  actions: MenuActions,
  options: { readonly isMac: boolean; readonly version: string },
): MenuItemConstructorOptions[] {
  return [
    ...(options.isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
        { type: 'separator' },
        options.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Show Logs', click: () => actions.showLogs() },
        { type: 'separator' },
        { label: `Marque ${options.version}`, enabled: false },
      ],
    },
  ];
}
