import { describe, expect, it } from 'vitest';
import { isTrustedUrl, mainWindowOptions, secureWebPreferences } from '../../../src/main/shell/window-options.ts';

// The Electron binary cannot run here; these are the exact preferences the shell passes to BrowserWindow.
describe('Electron window preferences', () => {
  it('are strict: isolation, sandbox, no Node, web security', () => {
    const prefs = secureWebPreferences('/app/preload/index.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(mainWindowOptions('/p.cjs').webPreferences).toEqual(secureWebPreferences('/p.cjs'));
  });

  it('trusts only the app origin (and the dev server in development)', () => {
    expect(isTrustedUrl('marque://app/index.html', undefined)).toBe(true);
    expect(isTrustedUrl('marque://evil/index.html', undefined)).toBe(false);
    expect(isTrustedUrl('https://example.com/', undefined)).toBe(false);
    expect(isTrustedUrl('file:///etc/passwd', undefined)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});
