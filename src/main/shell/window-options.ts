import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The web preferences of every Marque window. Kept apart (and Electron-free at run time: only
 * types are imported) so a unit test can assert them without an Electron binary.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    experimentalFeatures: false,
    // Middle-click must not open links in new windows (electronegativity AUXCLICK).
    disableBlinkFeatures: 'Auxclick',
  };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    title: 'Marque',
    show: false,
    backgroundColor: '#1b1c1f',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** The app's own origin; IPC from any other frame is refused. */
export const APP_ORIGIN = 'marque://app';

export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const parsed = new URL(url);
    if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true;
    return devServerUrl !== undefined && parsed.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}
