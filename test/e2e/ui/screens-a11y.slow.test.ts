import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { seriousViolations } from '../pages/axe.ts';
import { logoFiles, type Scheme, screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';
import { ShellPage } from '../pages/shell-page.ts';

describe('every screen passes axe and is screenshotted, in light and dark', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const scheme of ['light', 'dark'] as const satisfies readonly Scheme[]) {
    it(`has no serious axe violation in the ${scheme} theme`, async () => {
      await withUi(
        browser,
        async ({ page, files, pageErrors }) => {
          const library = new LibraryPage(page);
          const shell = new ShellPage(page);
          const found: Record<string, string[]> = {};
          found['library-empty'] = await seriousViolations(page);

          const corpus = await logoFiles(files, 5, 4, 140);
          await library.importFiles(corpus.files);
          await library.waitForTiles(9);
          const [first, second] = await library.tileNames();
          await library.tile(first as string).click();
          await library.addTag('brand');
          await library.details.getByRole('button', { name: 'brand', exact: true }).waitFor();
          await page
            .getByRole('button', { name: 'Dismiss notification' })
            .first()
            .click()
            .catch(() => {});
          found.library = await seriousViolations(page);

          await library.tile(second as string).click({ modifiers: ['Shift'] });
          await shell.open('Export');
          await page.getByRole('heading', { name: 'Export', level: 1 }).waitFor();
          found.export = await seriousViolations(page);
          await screenshot(page, 'export', scheme);

          await shell.open('Queue');
          await page.getByRole('heading', { name: 'Queue', level: 1 }).waitFor();
          found.queue = await seriousViolations(page);
          await screenshot(page, 'queue', scheme);

          await shell.open('Share & Settings');
          await page.getByRole('heading', { name: 'Storage' }).waitFor();
          found.settings = await seriousViolations(page);
          await screenshot(page, 'settings', scheme);

          await shell.open('Trash');
          found.trash = await seriousViolations(page);

          for (const [screen, violations] of Object.entries(found))
            expect({ screen, violations }).toEqual({ screen, violations: [] });
          expect(pageErrors).toEqual([]);
        },
        { scheme },
      );
    });
  }
});
