import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAse } from '../../../src/main/core/colour/ase.ts';
import { builtinCmykProfile } from '../../../src/main/core/colour/icc.ts';
import { launchChromium } from '../fixtures/browser.ts';
import { logoFiles, screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';
import { ShellPage } from '../pages/shell-page.ts';

/** A port nobody listens on right now (the share must not collide with other test runs). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('Share & Settings screen', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('starts the share with a QR code, a teammate browses it, a new link revokes the old one, and it stops', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 2, 0, 320);
      await library.importFiles(corpus.files);
      await library.waitForTiles(2);
      await new ShellPage(page).open('Share & Settings');
      const share = page.getByRole('switch', { name: 'Share' });
      await share.waitFor();
      expect(await share.isChecked()).toBe(false);
      const host = page.getByLabel('Address', { exact: true });
      const values = await host
        .locator('option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      if (values.includes('127.0.0.1')) await host.selectOption('127.0.0.1');
      await page.getByLabel('Port', { exact: true }).fill(String(await freePort()));
      // A controlled switch: it turns on once the share answers.
      await share.click();
      const link = page.locator('.share__url');
      await link.waitFor();
      const first = (await link.textContent()) ?? '';
      expect(first).toMatch(/^http:\/\/.+\?token=[\w-]{20,}$/);
      await page.getByRole('img', { name: 'QR code of the share link' }).waitFor();
      await screenshot(page, 'settings-sharing', 'light');
      await screenshot(page, 'settings-sharing', 'dark');

      // A teammate opens the link: the read-only library with both logos.
      const teammate = await browser.newContext();
      try {
        const viewer = await teammate.newPage();
        await viewer.goto(first);
        await new LibraryPage(viewer).waitForTiles(2);
        await viewer.getByText('Viewing a shared library').waitFor();
        // The designer sees who is connected.
        await page.getByRole('table').getByRole('row').nth(1).waitFor();

        await page.getByRole('button', { name: 'New link (revoke old)' }).click();
        await expect.poll(() => link.textContent()).not.toBe(first);
        const stale = await (await browser.newContext()).newPage();
        const response = await stale.goto(first);
        expect(response?.status()).toBe(401);
        await stale.context().close();
      } finally {
        await teammate.close();
      }

      await share.click();
      await page.getByText('Off', { exact: true }).waitFor();
      expect(await link.count()).toBe(0);
      expect(pageErrors).toEqual([]);
    });
  });

  it('sets the press: intent, ink limit and a swatch book, kept after a reload', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      await new ShellPage(page).open('Share & Settings');
      const card = page.getByRole('region', { name: 'Print colour' });
      await card.waitFor();
      expect(await card.getByLabel('Press profile').inputValue()).toBe('builtin');
      await card.getByLabel('Rendering intent').selectOption('perceptual');
      await card.getByLabel('Total ink limit (%)').fill('280');
      await card.getByRole('button', { name: 'Set limit' }).click();
      await expect.poll(() => card.getByRole('button', { name: 'Set limit' }).isDisabled()).toBe(true);
      // A real 1 MB press profile goes up through the HTTP transport (base64 in JSON) and is chosen.
      const profile = join(files, 'Press.icc');
      await writeFile(profile, await builtinCmykProfile());
      await card.locator('input[type=file][accept=".icc,.icm"]').setInputFiles(profile);
      await expect.poll(() => card.getByLabel('Press profile').locator('option').count()).toBe(2);
      expect(await card.getByLabel('Press profile').inputValue()).toMatch(/^[0-9a-f]{64}$/);
      await card.getByLabel('Press profile').selectOption('builtin');
      await expect.poll(() => card.getByLabel('Press profile').inputValue()).toBe('builtin');
      const book = join(files, 'Brand.ase');
      await writeFile(book, writeAse('Brand', [{ name: 'Brand Green', hex: '#2eb57d' }]));
      await card.locator('input[type=file][accept=".ase"]').setInputFiles(book);
      await card.getByRole('list', { name: 'Swatch books' }).getByText('Brand').waitFor();
      await card.getByRole('list', { name: 'Swatch books' }).scrollIntoViewIfNeeded();
      await screenshot(page, 'settings-print', 'light');
      await screenshot(page, 'settings-print', 'dark');
      await page.reload();
      await new ShellPage(page).open('Share & Settings');
      const again = page.getByRole('region', { name: 'Print colour' });
      await again.getByRole('list', { name: 'Swatch books' }).getByText('(1 ink)').waitFor();
      expect(await again.getByLabel('Rendering intent').inputValue()).toBe('perceptual');
      expect(await again.getByLabel('Total ink limit (%)').inputValue()).toBe('280');
      expect(pageErrors).toEqual([]);
    });
  });

  it('shows storage use and clears the cache', async () => {
    await withUi(browser, async ({ page, files }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 2, 1, 330);
      await library.importFiles(corpus.files);
      await library.waitForTiles(3);
      await new ShellPage(page).open('Share & Settings');
      const storage = page.getByRole('region', { name: 'Storage' });
      await storage.getByText(/Originals/).waitFor();
      expect(await storage.textContent()).toMatch(/Originals3 files/);
      await page.getByRole('button', { name: 'Clear cache' }).click();
      await library.toast(/Cleared \d+ files?/).waitFor();
      await page.getByLabel('Cache cap (MB)').fill('500');
      await page.getByRole('button', { name: 'Set cap' }).click();
      await expect.poll(() => storage.textContent()).toMatch(/of 500 MB/);
      // Worker threads: the count applies and is read back.
      const workers = page.getByLabel('Worker threads');
      const next = (await workers.inputValue()) === '2' ? 1 : 2;
      await workers.fill(String(next));
      await page.getByRole('region', { name: 'Processing' }).getByRole('button', { name: 'Apply' }).click();
      const threads = next === 1 ? '1 worker thread' : '2 worker threads';
      await library.toast(`Recipes now run on ${threads}`).waitFor();
      await page.getByText(`Recipes run on ${threads}.`).waitFor();
      // The activity log names what happened on this computer.
      await page
        .getByRole('region', { name: 'Activity' })
        .getByText('Imported · This computer', { exact: false })
        .first()
        .waitFor();
      // The log's own size is part of storage use.
      expect(await storage.textContent()).toMatch(/Activity log\d+ entr(y|ies) · [\d.]+ [kKMG]?B · kept 90 days/);
      // How long the log keeps lines is a setting, applied at once and remembered.
      const keep = page.getByLabel('Keep activity (days)');
      expect(await keep.inputValue()).toBe('90');
      await keep.fill('30');
      await page.getByRole('region', { name: 'Activity' }).getByRole('button', { name: 'Apply' }).click();
      await library.toast('Activity is kept 30 days').waitFor();
      await page.reload();
      await new ShellPage(page).open('Share & Settings');
      await page.getByLabel('Keep activity (days)').waitFor();
      await expect.poll(() => page.getByLabel('Keep activity (days)').inputValue()).toBe('30');
      await expect.poll(() => storage.textContent()).toMatch(/kept 30 days/);
      await storage.scrollIntoViewIfNeeded();
      await screenshot(page, 'settings-storage', 'light');
      await screenshot(page, 'settings-storage', 'dark');
    });
  });
});
