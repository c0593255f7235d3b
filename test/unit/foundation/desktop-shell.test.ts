/**
 * The desktop shell's rules, checked without the Electron binary (which cannot run here): the
 * external-link allowlist, the single-instance guard (a fake `app`), the files a launch passes,
 * and the menu template (only Electron's types are imported by these modules).
 */
import { describe, expect, it } from 'vitest';
import { SOCIAL_PRESETS } from '../../../src/main/core/pipeline/processors/social/presets.ts';
import { EXTERNAL_HOSTS, isAllowedExternalUrl } from '../../../src/main/shell/external-links.ts';
import { importDialogOptions } from '../../../src/main/shell/import-dialog.ts';
import { filesFromArgv } from '../../../src/main/shell/launch-files.ts';
import { menuTemplate } from '../../../src/main/shell/menu-template.ts';
import { claimSingleInstance, type InstanceApp } from '../../../src/main/shell/single-instance.ts';

describe('external links', () => {
  it('opens https links to the allowlisted hosts only', () => {
    expect(isAllowedExternalUrl('https://github.com/marque/marque/issues')).toBe(true);
    expect(isAllowedExternalUrl('https://help.instagram.com/1631821640426723')).toBe(true);
    for (const url of [
      'http://github.com/',
      'https://github.com.evil.example/',
      'https://evil.example/?https://github.com/',
      'https://user:pass@github.com/',
      'https://github.com:8443/',
      'https://sub.github.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'marque://app/index.html',
      'mailto:someone@example.com',
      'not a url',
      '',
    ])
      expect(isAllowedExternalUrl(url), url).toBe(false);
  });

  it('allows every host a social preset cites as its source (links the UI may show)', () => {
    const hosts = SOCIAL_PRESETS.flatMap((preset) =>
      [...preset.source.matchAll(/(?:https:\/\/)?([a-z0-9.-]+\.[a-z]{2,})\//g)].map((m) => m[1] as string),
    );
    expect(hosts.length).toBeGreaterThan(10);
    for (const host of hosts) expect(EXTERNAL_HOSTS.has(host), host).toBe(true);
  });
});

describe('the single-instance guard', () => {
  function fakeApp(gotLock: boolean) {
    const calls: string[] = [];
    const app: InstanceApp = {
      requestSingleInstanceLock: () => {
        calls.push('lock');
        return gotLock;
      },
      quit: () => calls.push('quit'),
      exit: (code) => calls.push(`exit ${code}`),
    };
    return { app, calls };
  }

  it('lets the first instance start', () => {
    const { app, calls } = fakeApp(true);
    let started = false;
    if (claimSingleInstance(app)) started = true;
    expect(started).toBe(true);
    expect(calls).toEqual(['lock']);
  });

  it('stops the second instance at once: no start-up, an immediate exit rather than a scheduled quit', () => {
    const { app, calls } = fakeApp(false);
    let started = false;
    if (claimSingleInstance(app)) started = true;
    expect(started).toBe(false);
    expect(calls).toEqual(['lock', 'exit 0']);
  });
});

describe('files a launch passes', () => {
  it('takes the files after the executable (packaged), resolving relative ones against the launch folder', () => {
    expect(
      filesFromArgv(['/Applications/Marque', '/Users/d/logo.svg', 'brand/mark.png', '--flag', 'marque://x'], {
        cwd: '/Users/d',
        packaged: true,
      }),
    ).toEqual(['/Users/d/logo.svg', '/Users/d/brand/mark.png']);
  });

  it('skips the app folder in development, Chromium switches and URLs; -- ends the switches', () => {
    expect(
      filesFromArgv(['electron', '.', '--allow-file-access-from-files', '--inspect=0', '/tmp/a.svg'], {
        cwd: '/w',
        packaged: false,
      }),
    ).toEqual(['/tmp/a.svg']);
    expect(filesFromArgv(['marque', '--', '-dash-name.svg'], { cwd: '/w', packaged: true })).toEqual([
      '/w/-dash-name.svg',
    ]);
    expect(filesFromArgv(['marque'], { cwd: '/w', packaged: true })).toEqual([]);
  });
});

describe('the Import dialog', () => {
  it('picks several logo files, and folders too where the dialog can (macOS)', () => {
    const mac = importDialogOptions('darwin');
    const windows = importDialogOptions('win32');
    expect(mac.properties).toEqual(['openFile', 'openDirectory', 'multiSelections']);
    expect(windows.properties).toEqual(['openFile', 'multiSelections']);
    expect(windows.filters?.[0]?.extensions).toEqual(expect.arrayContaining(['svg', 'png', 'pdf', 'ai']));
  });
});

describe('the application menu', () => {
  it('has File › Import… on Cmd/Ctrl+O and Help › Show Logs, wired to the shell’s actions', () => {
    const done: string[] = [];
    const template = menuTemplate(
      { importFiles: () => done.push('import'), showLogs: () => done.push('logs') },
      { isMac: false, version: '1.2.3' },
    );
    const file = template.find((item) => item.label === 'File');
    const help = template.find((item) => item.role === 'help');
    const items = (menu: typeof file) => (menu?.submenu ?? []) as { label?: string; click?: () => void }[];
    const importItem = items(file).find((item) => item.label === 'Import…') as {
      accelerator?: string;
      click: () => void;
    };
    expect(importItem.accelerator).toBe('CmdOrCtrl+O');
    importItem.click();
    items(help)
      .find((item) => item.label === 'Show Logs')
      ?.click?.();
    expect(done).toEqual(['import', 'logs']);
    expect(items(help).some((item) => item.label === 'Marque 1.2.3')).toBe(true);
    expect(menuTemplate({ importFiles() {}, showLogs() {} }, { isMac: true, version: '1' })[0]).toEqual({
      role: 'appMenu',
    });
  });
});
