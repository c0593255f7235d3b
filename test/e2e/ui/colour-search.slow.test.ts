/**
 * Colour search on a fresh library: the palette is measured at import, so a brand colour typed as
 * hex finds the logo at once (no recipe run), the tolerance slider narrows it, and a palette
 * swatch's "Similar" searches by that swatch.
 */
import { readFileSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { seriousViolations } from '../pages/axe.ts';
import { screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';

const require = createRequire(import.meta.url);
const BITCOIN_ORANGE = '#f7931a';

describe('colour search works at once', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds a fresh import by a typed brand colour, narrows by tolerance, and searches from a swatch', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const mark = /<path d="([^"]+)"/.exec(readFileSync(require.resolve('simple-icons/icons/bitcoin.svg'), 'utf8'));
      const bitcoin = join(files, 'bitcoin.svg');
      await writeFile(
        bitcoin,
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="${BITCOIN_ORANGE}" d="${mark?.[1]}"/></svg>`,
      );
      const github = join(files, 'github.svg');
      await copyFile(require.resolve('simple-icons/icons/github.svg'), github);
      await library.importFiles([bitcoin, github]);
      await library.waitForTiles(2);

      const hex = page.getByRole('textbox', { name: 'Brand colour (hex)' });
      await hex.fill(BITCOIN_ORANGE);
      await expect.poll(() => library.tileNames()).toEqual(['bitcoin']);

      // #e80 is ΔE76 4.2 from Bitcoin orange: inside the default tolerance, outside ΔE 1.
      await hex.fill('#e80');
      await expect.poll(() => library.tileNames()).toEqual(['bitcoin']);
      const tolerance = page.getByRole('slider', { name: 'Colour tolerance' });
      expect(await tolerance.inputValue()).toBe('12');
      await tolerance.focus();
      await page.keyboard.press('Home');
      await expect.poll(() => library.tiles().count()).toBe(0);
      await page.keyboard.press('End');
      await expect.poll(() => library.tileNames()).toEqual(['bitcoin']);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await seriousViolations(page, '.toolbar'), scheme).toEqual([]);
        await screenshot(page, 'library-colour-search', scheme);
      }
      await page.emulateMedia({ colorScheme: 'light' });

      // Typing on from a short form to a full one is not interrupted.
      await hex.fill('');
      await hex.pressSequentially('#e8801a');
      expect(await hex.inputValue()).toBe('#e8801a');
      await expect.poll(() => library.tileNames()).toEqual(['bitcoin']);
      // A typo is flagged and leaves the search as it was.
      await hex.fill('#e8');
      expect(await hex.getAttribute('aria-invalid')).toBe('true');
      await page.getByRole('button', { name: 'Clear colour filter' }).click();
      await expect.poll(() => library.tiles().count()).toBe(2);
      expect(await hex.inputValue()).toBe('');

      // "Similar" on a palette swatch of the fresh import: no palette recipe was run.
      await library.tile('bitcoin').click();
      await library.details.getByRole('button', { name: `Similar colours to ${BITCOIN_ORANGE}` }).click();
      await expect.poll(() => library.tileNames()).toEqual(['bitcoin']);
      expect(await hex.inputValue()).toBe(BITCOIN_ORANGE);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await seriousViolations(page), scheme).toEqual([]);
      }
      expect(pageErrors).toEqual([]);
    });
  });
});
