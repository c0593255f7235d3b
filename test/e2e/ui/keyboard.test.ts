import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { logoFiles, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user would; none
 * when focus is already there (after a rename, focus goes back to the grid by itself).
 */
async function tabTo(page: Page, matches: (el: Element) => boolean, back = false, limit = 40): Promise<void> {
  for (let i = 0; i <= limit; i++) {
    const hit = await page.evaluate(`(${matches.toString()})(document.activeElement)`);
    if (hit) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error('focus never reached the expected control');
}

const isGrid = (el: Element) => el.getAttribute('role') === 'listbox';

describe('keyboard-only walk through the main flow', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports with Ctrl+O, moves and selects with arrows, tags, trashes, undoes, searches and opens Export', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 3, 2, 300);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+o')]);
      await chooser.setFiles(corpus.files);
      await library.waitForTiles(5);
      const names = await library.tileNames();

      await tabTo(page, isGrid);
      // Focus is visible on the grid's cursor cell.
      const outline = await page
        .locator('.tile--cursor .tile__art')
        .evaluate((el) => getComputedStyle(el).outlineStyle);
      expect(outline).not.toBe('none');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => library.selectedTiles().getAttribute('data-logo-name')).toBe(names[1]);
      await page.keyboard.press('Shift+ArrowRight');
      await expect.poll(() => library.selectedTiles().count()).toBe(2);
      await page.keyboard.press('Shift+ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => library.selectedTiles().getAttribute('data-logo-name')).toBe(names[0]);
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await expect.poll(() => library.selectedTiles().count()).toBe(3);

      // F2 renames the logo under the cursor from the details panel; Enter saves, focus can go back.
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('F2');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Name');
      await page.keyboard.type('Renamed by keyboard');
      await page.keyboard.press('Enter');
      await library.tile('Renamed by keyboard').waitFor();
      await tabTo(page, isGrid, true);
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await expect.poll(() => library.selectedTiles().count()).toBe(3);

      // Tag the three from the details panel.
      await tabTo(page, (el) => el.getAttribute('aria-label') === 'Add a tag to 3 logos');
      await page.keyboard.type('keyboard');
      await page.keyboard.press('Enter');
      await library.toast(/Tagged 3 logos/).waitFor();

      // Back to the grid; Delete trashes the selection, Ctrl+Z brings it back.
      await tabTo(page, isGrid, true);
      await page.keyboard.press('Delete');
      await expect.poll(() => library.tiles().count()).toBe(2);
      await page.keyboard.press('Control+z');
      await expect.poll(() => library.tiles().count()).toBe(5);

      // Ctrl+F jumps to search; typing filters at once.
      await page.keyboard.press('Control+f');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('library-search');
      await page.keyboard.type(names[4] as string);
      await expect.poll(() => library.tileNames()).toEqual([names[4]]);
      await page.keyboard.press('Escape');
      await expect.poll(() => library.tiles().count()).toBe(5);

      // Ctrl+Space toggles (Space is Quick Look), Ctrl+E opens Export with the selection.
      await tabTo(page, isGrid);
      await page.keyboard.press('Home');
      await page.keyboard.press('Control+ArrowRight');
      await page.keyboard.press('Control+ArrowRight');
      await page.keyboard.press('Control+Space');
      await expect.poll(() => library.selectedTiles().count()).toBe(2);
      await page.keyboard.press('Control+e');
      await page.getByRole('heading', { name: 'Export', level: 1 }).waitFor();
      await page.getByRole('heading', { name: '2 logos selected' }).waitFor();
      // Every control on Export is reachable: Tab reaches the Export button.
      await page.getByRole('textbox', { name: /^Folder/ }).focus();
      await page.keyboard.type(`${files}/out`);
      await tabTo(page, (el) => el.textContent?.trim().startsWith('Export ') === true && el.tagName === 'BUTTON');
      expect(pageErrors).toEqual([]);
    });
  });
});
