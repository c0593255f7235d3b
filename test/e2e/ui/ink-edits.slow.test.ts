import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { seriousViolations } from '../pages/axe.ts';
import { screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';
import { ExportPage } from '../pages/screens.ts';

describe('spot inks are the designer’s to edit before an export (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renames an ink, prints a colour with another ink and back, keeps a merged colour apart, all still there after a reload', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const flags = ['za', 'mx'].map((code) => join(files, `${code}.svg`));
      for (const [i, code] of ['za', 'mx'].entries())
        await writeFile(flags[i] as string, await readFile(`node_modules/flag-icons/flags/4x3/${code}.svg`));
      await library.importFiles(flags);
      await library.waitForTiles(2);
      await library.selectAll(2);
      await page.keyboard.press('Control+e');
      const exporter = new ExportPage(page);
      await exporter.recipe(/^Vector PDF/).check();
      await page.getByRole('combobox', { name: /^Colour/ }).selectOption('spot');
      await page.getByRole('button', { name: 'Show inks' }).click();
      const za = page.getByRole('list', { name: 'Inks of za' });
      const mx = page.getByRole('list', { name: 'Inks of mx' });
      await expect.poll(() => za.getByRole('listitem').count(), { timeout: 30_000 }).toBe(5);
      await expect.poll(() => mx.getByRole('listitem').count()).toBe(7);

      // Rename South Africa's green; the gold band then prints with it: one ink fewer, the merge
      // named after the new name and "your choice" (measured again by the server each time).
      const green = za.getByLabel('Name of the #007847 ink');
      await green.fill('Springbok Green');
      await green.press('Enter');
      await expect.poll(() => za.getByLabel('Name of the #007847 ink').inputValue()).toBe('Springbok Green');
      await za.getByLabel('Ink for #ffb915').selectOption({ label: 'Print with Springbok Green' });
      await expect.poll(() => za.getByRole('listitem').count(), { timeout: 30_000 }).toBe(4);
      // The merges sit in a disclosure: open it to read them.
      await page.getByText('1 colour prints with another ink').click();
      const zaMerged = page.getByRole('list', { name: 'Merged colours of za' });
      await expect.poll(() => zaMerged.textContent()).toContain('#ffb915 → Springbok Green');
      await expect.poll(() => zaMerged.textContent()).toContain('your choice');
      // And back: gold has its own ink again, the name stays.
      await zaMerged.getByRole('button', { name: 'Give #ffb915 its own ink' }).click();
      await expect.poll(() => za.getByRole('listitem').count(), { timeout: 30_000 }).toBe(5);
      await expect.poll(() => za.getByLabel('Name of the #007847 ink').inputValue()).toBe('Springbok Green');

      // Mexico: an emblem colour too small to see was merged; the designer keeps it apart.
      await page
        .getByText(/colours print with another ink/)
        .last()
        .click();
      await page
        .getByRole('list', { name: 'Merged colours of mx' })
        .getByRole('button', { name: 'Keep #f9aa51 apart' })
        .click();
      await expect.poll(() => mx.getByRole('listitem').count(), { timeout: 30_000 }).toBe(8);
      await mx.getByLabel('Name of the #f9aa51 ink').waitFor();

      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await seriousViolations(page, 'section[aria-labelledby="export-inks"]'), scheme).toEqual([]);
      }
      await page.getByRole('heading', { name: 'Spot inks' }).scrollIntoViewIfNeeded();
      await screenshot(page, 'export-ink-edits', 'light');

      // The edits belong to the logos, not to this export: after a reload (nothing exported, no
      // option spelled out) the preview measures them again from the library.
      await page.reload();
      await page.locator('[data-app-mode]').waitFor({ state: 'attached' });
      await library.waitForTiles(2);
      // The details panel's palette names the ink too.
      await library.tile('za').click();
      await library.details.getByText('Ink: Springbok Green').waitFor({ timeout: 60_000 });
      await library.selectAll(2);
      await page.keyboard.press('Control+e');
      await exporter.recipe(/^Vector PDF/).check();
      await page.getByRole('combobox', { name: /^Colour/ }).selectOption('spot');
      await page.getByRole('button', { name: 'Show inks' }).click();
      await expect.poll(() => za.getByRole('listitem').count(), { timeout: 30_000 }).toBe(5);
      await expect.poll(() => za.getByLabel('Name of the #007847 ink').inputValue()).toBe('Springbok Green');
      await expect.poll(() => mx.getByRole('listitem').count()).toBe(8);
      await mx.getByLabel('Name of the #f9aa51 ink').waitFor();
      // Mexico's green keeps its automatic name: the rename was South Africa's.
      expect(
        await mx.getByRole('textbox').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
      ).not.toContain('Springbok Green');

      // And forgotten on request: South Africa prints its automatic inks again.
      await page.getByRole('button', { name: 'Back to automatic inks for za' }).click();
      await expect
        .poll(() => za.getByLabel('Name of the #007847 ink').inputValue(), { timeout: 30_000 })
        .not.toBe('Springbok Green');
      expect(pageErrors).toEqual([]);
    });
  });
});
