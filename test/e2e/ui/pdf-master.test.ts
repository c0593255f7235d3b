import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';
import { ExportPage, QueuePage } from '../pages/screens.ts';
import { ShellPage } from '../pages/shell-page.ts';

describe('PDF masters and failures that cannot be retried, in the UI', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says a PDF was converted, and offers no Retry for a job that cannot succeed', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const shell = new ShellPage(page);
      const pdf = join(files, 'react.pdf');
      execFileSync('rsvg-convert', ['-f', 'pdf', '-o', pdf, 'node_modules/devicon/icons/react/react-original.svg']);
      const empty = join(files, 'empty.svg');
      await writeFile(empty, '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><g/></svg>');
      await library.importFiles([pdf, empty]);
      await library.toast(/Imported 2 logos/).waitFor();
      await page.getByText(/react\.pdf: converted to an SVG master/).waitFor();
      await library.waitForTiles(2);
      await library.tile('empty').click();
      await page.keyboard.press('Control+e');
      const exporter = new ExportPage(page);
      await exporter.recipe(/Favicon pack/).uncheck();
      await exporter.recipe(/^Vector PDF/).check();
      await exporter.queueRecipes();
      await shell.open('Queue');
      const queue = new QueuePage(page);
      const failed = queue.jobsInState('failed');
      await expect.poll(() => failed.count(), { timeout: 60_000 }).toBe(1);
      await expect.poll(() => failed.first().textContent()).toMatch(/no painted shapes/);
      expect(await failed.first().getByRole('button', { name: 'Retry' }).count()).toBe(0);
      await screenshot(page, 'queue-permanent-failure', 'light');
      expect(pageErrors).toEqual([]);
    });
  });
});
