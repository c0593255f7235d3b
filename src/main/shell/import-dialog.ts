import type { OpenDialogOptions } from 'electron';

/** The file types the intake reads, offered in the open dialog (the intake sniffs the bytes anyway). */
export const LOGO_EXTENSIONS = ['svg', 'svgz', 'png', 'jpg', 'jpeg', 'webp', 'gif', 'tif', 'tiff', 'avif', 'pdf', 'ai'];

/**
 * The Import dialog: several files; on macOS folders too (Windows and Linux dialogs pick files or
 * folders, not both, so there folders come in by drag-and-drop).
 */
export function importDialogOptions(platform: NodeJS.Platform): OpenDialogOptions {
  return {
    title: 'Import logos',
    buttonLabel: 'Import',
    properties:
      platform === 'darwin' ? ['openFile', 'openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
    filters: [{ name: 'Logos', extensions: LOGO_EXTENSIONS }],
  };
}
