/** IPC channel names shared by the preload and the main-process binding (never restated by hand). */
export const BRIDGE_CHANNELS = {
  invoke: 'marque:invoke',
  event: 'marque:event',
  chooseFolder: 'marque:choose-folder',
  showInFolder: 'marque:show-in-folder',
  startDrag: 'marque:start-drag',
  chooseImportFiles: 'marque:choose-import-files',
} as const;
