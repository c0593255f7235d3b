/**
 * A screen that throws while rendering stays contained: its error boundary says what failed,
 * "Copy details" puts a bug report on the clipboard, the other screens keep working, and the
 * error reaches `<data folder>/logs/marque.log`. The failure is real: the server's reply is
 * replaced by one an older or newer build might send (a field missing), and the screen trips on it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { seriousViolations } from '../pages/axe.ts';
import { screenshot, withUi } from '../pages/harness.ts';

describe('a screen that fails', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows what failed with Copy details, logs it, and leaves the other screens working', async () => {
    await withUi(browser, async ({ app, page }) => {
      await page.route('**/api/share.status', (route) =>
        route.fulfill({
          json: { running: false, host: '127.0.0.1', port: 4871, link: null, addresses: null, clients: [] },
        }),
      );
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('button', { name: /Settings/ }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'The Settings screen stopped working' });
      await alert.waitFor();
      await expect(alert.locator('pre').textContent()).resolves.toMatch(/^TypeError: /);
      await screenshot(page, 'screen-error', 'light');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'screen-error', 'dark');
      expect(await seriousViolations(page)).toEqual([]);

      await alert.getByRole('button', { name: 'Copy details' }).click();
      await alert.getByText('Details copied').waitFor();
      const details = await page.evaluate(() => navigator.clipboard.readText());
      expect(details).toMatch(/^Marque \S+ \(browser, linux\)/);
      expect(details).toContain('Screen: Settings');
      expect(details).toMatch(/TypeError: .*length/);
      expect(details).toContain('ShareCard');

      const log = join(app.dataDir, 'logs', 'marque.log');
      await expect
        .poll(async () => (await readFile(log, 'utf8').catch(() => '')).includes('the window caught an error'), {
          timeout: 10_000,
        })
        .toBe(true);
      const record = (await readFile(log, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((r) => r.msg === 'the window caught an error');
      expect(record).toMatchObject({ level: 50, where: 'Settings screen', mode: 'browser' });
      expect(String(record?.componentStack)).toContain('ShareCard');

      // The rest of the app is untouched.
      await nav
        .getByRole('button', { name: /Library/ })
        .first()
        .click();
      await page.getByRole('listbox', { name: 'Logos' }).or(page.getByTestId('empty-library')).waitFor();
      expect(await page.getByRole('alert').filter({ hasText: 'stopped working' }).count()).toBe(0);
    });
  });
});
