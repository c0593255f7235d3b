import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { seriousViolations } from '../pages/axe.ts';
import { logoFiles, screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';
import { ExportPage, QueuePage } from '../pages/screens.ts';
import { ShellPage } from '../pages/shell-page.ts';

describe('the queue explains itself: batches, filters, retry all failed, a summary', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('groups jobs by request, filters by state, retries only what can succeed and sums up the run', async () => {
    await withUi(browser, async ({ app, page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const shell = new ShellPage(page);
      const exporter = new ExportPage(page);
      const queue = new QueuePage(page);
      const corpus = await logoFiles(files, 2, 0, 260);
      // A logo with nothing painted: its PDF fails for good (no Retry can fix it).
      const empty = join(files, 'empty.svg');
      await writeFile(empty, '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><g/></svg>');
      await library.importFiles([...corpus.files, empty]);
      await library.waitForTiles(3);

      // Batch 1: two recipes queued in one click for all three logos.
      await library.selectAll(3);
      await page.keyboard.press('Control+e');
      await exporter.recipe(/Favicon pack/).uncheck();
      await exporter.recipe(/^PNG/).uncheck();
      await exporter.recipe(/^Vector PDF/).check();
      await exporter.recipe(/^Palette/).check();
      await exporter.queueRecipes();
      await library.toast('Queued 6 jobs').waitFor();
      await shell.open('Queue');
      const first = queue.batch('Vector PDF, Palette for 3 logos');
      await expect.poll(() => first.locator('.job[data-job-state="done"]').count(), { timeout: 90_000 }).toBe(5);
      await first.locator('.job[data-job-state="failed"]').waitFor();

      // Batch 2, while the library's originals are away (a drive unplugged): its jobs fail, but a
      // second run can fix that.
      const store = join(app.dataDir, 'store');
      await rename(store, `${store}-away`);
      await shell.open('Library');
      const good = (await library.tileNames()).filter((name) => name !== 'empty');
      await library.tile(good[0] as string).click();
      await library.tile(good[1] as string).click({ modifiers: ['Control'] });
      await page.keyboard.press('Control+e');
      await exporter.recipe(/^Vector PDF/).uncheck();
      await exporter.recipe(/^Palette/).uncheck();
      await exporter.recipe(/^PNG/).check();
      await exporter.queueRecipes();
      await shell.open('Queue');
      const second = queue.batch('PNG for 2 logos');
      await expect.poll(() => second.locator('.job[data-job-state="failed"]').count(), { timeout: 60_000 }).toBe(2);

      // The run is over: the header says how it went and why, not "Nothing running."
      await expect
        .poll(() => queue.summary.textContent())
        .toMatch(/^5 done, 3 failed: a file could not be read or written \(and 1 other reason\)\.$/);
      expect(await second.getByRole('progressbar', { name: 'Progress of PNG for 2 logos' }).getAttribute('value')).toBe(
        '1',
      );
      await expect.poll(() => second.textContent()).toMatch(/2 of 2 finished · 2 failed/);
      // The failed PDF names its logo once and says what to do instead of offering Retry.
      const failedPdf = first.locator('.job[data-job-state="failed"]');
      const text = (await failedPdf.textContent()) ?? '';
      expect(text.match(/empty/g)?.length, text).toBe(1);
      expect(text).toMatch(/retrying will not help/);
      expect(await failedPdf.getByRole('button', { name: 'Retry' }).count()).toBe(0);
      for (const name of good) {
        const row = second.locator('.job', { hasText: name });
        expect(((await row.textContent()) ?? '').split(name).length - 1).toBe(1);
      }

      // Filters by state: Failed shows the three failures in both batches, Done the rest.
      await queue.filter('Failed').click();
      await expect.poll(() => queue.jobs().count()).toBe(3);
      expect(await queue.filter('Failed').getAttribute('aria-pressed')).toBe('true');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await seriousViolations(page, 'main')).toEqual([]);
        await screenshot(page, 'queue-batches', scheme);
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await queue.filter('Done').click();
      await expect.poll(() => queue.jobs().count()).toBe(5);
      await queue.filter('All').click();
      await expect.poll(() => queue.jobs().count()).toBe(8);

      // The originals are back: "Retry all failed" runs the two that can succeed, not the PDF.
      await rename(`${store}-away`, store);
      await page.getByRole('button', { name: 'Retry all failed (2)' }).click();
      await expect.poll(() => second.locator('.job[data-job-state="done"]').count(), { timeout: 60_000 }).toBe(2);
      await expect.poll(() => queue.summary.textContent()).toMatch(/^7 done, 1 failed: .+\.$/);
      expect(await page.getByRole('button', { name: /^Retry all failed/ }).isDisabled()).toBe(true);
      expect(pageErrors).toEqual([]);
    });
  });
});
