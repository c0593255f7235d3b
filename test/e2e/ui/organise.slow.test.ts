/**
 * Organising like Eagle, in Chromium against `marque serve`: collections in a navigation
 * landmark (create, drag logos onto one, F2 rename, a role="menu" with a sub-collection and
 * delete with Undo, shown in the details panel); ratings by keys 0-5 and a minimum-rating filter
 * saved as a smart collection whose count follows the library; the tag manager's merge and Undo.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { callApi as call, type ServedApp } from '../fixtures/serve.ts';
import { seriousViolations } from '../pages/axe.ts';
import { logoFiles, logoName, screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';

const collectionsNav = (page: Page) => page.getByRole('navigation', { name: 'Collections' });
const smartSection = (page: Page) => page.getByRole('region', { name: 'Smart collections' });
/** A sidebar entry by its name; its accessible name ends with its count. */
const entry = (scope: Locator, name: string) => scope.getByRole('button', { name: new RegExp(`^${name} \\d+$`) });
const countOf = async (scope: Locator, name: string) =>
  Number((await entry(scope, name).textContent())?.match(/(\d+)$/)?.[1] ?? -1);

async function axeBothSchemes(page: Page, name: string, include: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await screenshot(page, name, scheme);
    expect(await seriousViolations(page, include), `${name} ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('organise: collections, ratings, smart collections, tags', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('collections: create, drag logos on, nest, rename with F2, delete with Undo, shown in details', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 3, 0, 700);
      const [first, second] = corpus.files.map(logoName) as [string, string];
      await library.importFiles(corpus.files);
      await library.waitForTiles(3);

      const nav = collectionsNav(page);
      await nav.getByRole('button', { name: 'New collection' }).click();
      await nav.getByRole('textbox', { name: 'New collection name' }).fill('Client A');
      await page.keyboard.press('Enter');
      await expect.poll(() => countOf(nav, 'Client A')).toBe(0);
      // Focus lands on the new collection, not on the page.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Client A0');

      // Drag a selection of two tiles onto the collection.
      await library.tile(first).click();
      await library.tile(second).click({ modifiers: ['Shift'] });
      await library.tile(second).dragTo(entry(nav, 'Client A'));
      await library.toast('Added 2 logos to Client A').waitFor();
      await expect.poll(() => countOf(nav, 'Client A')).toBe(2);

      // Open it: the grid holds its two logos and the entry is current.
      await entry(nav, 'Client A').click();
      await library.waitForTiles(2);
      expect(await entry(nav, 'Client A').getAttribute('aria-current')).toBe('page');
      await library.tile(first).click();
      await library.details.getByRole('button', { name: 'Open collection Client A' }).waitFor();

      // The menu: a sub-collection inside it.
      await entry(nav, 'Client A').click({ button: 'right' });
      const menu = page.getByRole('menu', { name: 'Client A' });
      expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
        'Open',
        'Rename',
        'New sub-collection',
        'Export…',
        'Delete',
      ]);
      await axeBothSchemes(page, 'organise-collection-menu', '[role=menu]');
      await menu.getByRole('menuitem', { name: 'New sub-collection' }).click();
      await nav.getByRole('textbox', { name: 'New sub-collection name' }).fill('Print');
      await page.keyboard.press('Enter');
      await expect.poll(() => countOf(nav, 'Print')).toBe(0);
      // Nested: Print's list item sits inside Client A's.
      const parentOfPrint = await entry(nav, 'Print').evaluate(
        (button) => button.parentElement?.parentElement?.closest('li')?.querySelector('button')?.textContent,
      );
      expect(parentOfPrint).toBe('Client A2');

      // F2 renames in place; the focus comes back to the entry.
      await entry(nav, 'Print').focus();
      await page.keyboard.press('F2');
      await nav.getByRole('textbox', { name: 'Rename collection Print' }).fill('Print run');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Print run0');

      // Out to the top level by its menu, then back in by dragging it onto Client A.
      const depth = () =>
        entry(nav, 'Print run').evaluate((button) => {
          let levels = 0;
          for (let node = button.parentElement; node; node = node.parentElement) if (node.tagName === 'LI') levels++;
          return levels;
        });
      await entry(nav, 'Print run').click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Move to top level' }).click();
      await expect.poll(depth).toBe(1);
      await entry(nav, 'Print run').dragTo(entry(nav, 'Client A'));
      await expect.poll(depth).toBe(2);

      await axeBothSchemes(page, 'organise-collections', 'nav[aria-label="Main"]');

      // Delete the parent (the child goes with it), then Undo brings both back with the logos.
      await entry(nav, 'Client A').focus();
      await page.keyboard.press('Shift+F10');
      await page.getByRole('menuitem', { name: 'Delete' }).click();
      await entry(nav, 'Client A').waitFor({ state: 'detached' });
      expect(await entry(nav, 'Print run').count()).toBe(0);
      await library.toast(/Deleted the collection Client A/).waitFor();
      await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => countOf(nav, 'Client A')).toBe(2);
      await expect.poll(() => countOf(nav, 'Print run')).toBe(0);

      // Delete on a focused collection deletes it, not the logo still selected in the grid: were
      // that logo trashed too, Ctrl+Z would undo the Trash first and the collection stay gone.
      await library.tile(first).click();
      await expect.poll(() => library.selectedTiles().count()).toBe(1);
      await entry(nav, 'Print run').focus();
      await page.keyboard.press('Delete');
      await entry(nav, 'Print run').waitFor({ state: 'detached' });
      await page.keyboard.press('Control+z');
      await entry(nav, 'Print run').waitFor();
      // Redo deletes it again, once the undo has finished (its toast says so): the collection is
      // back a moment before the undo is done and can be redone.
      await library.toast(/Undone: .*Print run/).waitFor();
      await page.keyboard.press('Control+Shift+z');
      await entry(nav, 'Print run').waitFor({ state: 'detached' });
      expect(pageErrors).toEqual([]);
    });
  });

  it('ratings by keys 0-5, a minimum-rating search saved as a smart collection that counts live', async () => {
    await withUi(browser, async ({ app, page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 4, 0, 720);
      const names = corpus.files.map(logoName) as [string, string, string, string];
      await library.importFiles(corpus.files);
      await library.waitForTiles(4);

      // Keys rate the selection; the details panel shows the stars.
      await library.tile(names[0]).click();
      await page.keyboard.press('4');
      const rating = library.details.getByRole('group', { name: 'Rating' });
      await expect
        .poll(() => rating.getByRole('button', { name: '4 stars' }).getAttribute('aria-pressed'))
        .toBe('true');
      await library.tile(names[1]).click();
      await rating.getByRole('button', { name: '5 stars' }).click();
      await expect
        .poll(() => rating.getByRole('button', { name: '5 stars' }).getAttribute('aria-pressed'))
        .toBe('true');

      // The stars on a tile rate it with a click where the star is (the third of five here).
      const stars = library.tile(names[2]).locator('.tile__rating');
      await library.tile(names[2]).hover();
      const box = await stars.boundingBox();
      if (!box) throw new Error('the tile shows no stars on hover');
      await stars.click({ position: { x: box.width * 0.5, y: box.height / 2 } });
      await expect.poll(() => stars.getAttribute('data-rating')).toBe('3');
      await library.tile(names[2]).click();
      await page.keyboard.press('0');
      await expect.poll(() => stars.getAttribute('data-rating')).toBe('0');

      // Filter by a minimum rating and sort by rating: the five-star logo first.
      await (await library.openFilters()).getByLabel('Minimum rating').selectOption({ label: '4+ stars' });
      await library.waitForTiles(2);
      await (await library.openFilters()).getByLabel('Sort').selectOption({ label: 'Highest rated' });
      await expect.poll(() => library.tileNames()).toEqual([names[1], names[0]]);

      // Save the search; it appears with its count and is current.
      await page.getByRole('button', { name: 'Save search' }).click();
      await page.getByRole('textbox', { name: 'Smart collection name' }).fill('Top rated');
      await page.keyboard.press('Enter');
      const smart = smartSection(page);
      await expect.poll(() => countOf(smart, 'Top rated')).toBe(2);
      expect(await entry(smart, 'Top rated').getAttribute('aria-current')).toBe('page');
      // The focus follows the saved search into the sidebar.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Top rated2');
      await axeBothSchemes(page, 'organise-smart-collections', 'nav[aria-label="Main"]');

      // The count follows the library, whoever changes it (here another client over HTTP).
      const { items } = await call<{ items: { id: string; name: string }[] }>(app, 'library.list', {});
      const third = items.find((logo) => logo.name === names[2]) as { id: string };
      await call(app, 'library.rate', { ids: [third.id], rating: 5 });
      await expect.poll(() => countOf(smart, 'Top rated')).toBe(3);

      // Back to the whole library, then the smart collection applies its query again.
      await library.openLibrary();
      await (await library.openFilters()).getByLabel('Minimum rating').selectOption({ label: 'Any rating' });
      await (await library.openFilters()).getByLabel('Sort').selectOption({ label: 'Newest first' });
      await library.waitForTiles(4);
      await entry(smart, 'Top rated').click();
      await library.waitForTiles(3);
      expect(await (await library.openFilters()).getByLabel('Minimum rating').inputValue()).toBe('4');

      // 0 clears a rating.
      await library.tile(names[2]).click();
      await page.keyboard.press('0');
      await expect.poll(() => countOf(smart, 'Top rated')).toBe(2);

      // The import date: the last 7 days hold every logo, a range in the future none.
      await library.openLibrary();
      await (await library.openFilters()).getByLabel('Minimum rating').selectOption({ label: 'Any rating' });
      await (await library.openFilters())
        .getByLabel('Imported', { exact: true })
        .selectOption({ label: 'Last 7 days' });
      await library.waitForTiles(4);
      await (await library.openFilters()).getByLabel('Imported', { exact: true }).selectOption({ label: 'Dates…' });
      await (await library.openFilters()).getByLabel('Imported from').fill('2099-01-01');
      await page.getByText('No logos match').waitFor();
      expect(pageErrors).toEqual([]);
    });
  });

  it('the tag manager lists counts, merges a tag onto another, undoes, and deletes', async () => {
    await withUi(browser, async ({ app, page, pageErrors, files }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 3, 0, 740);
      await library.importFiles(corpus.files);
      await library.waitForTiles(3);
      const { items } = await call<{ items: { id: string }[] }>(app, 'library.list', {});
      const ids = items.map((logo) => logo.id);
      await call(app, 'library.tag', { ids: ids.slice(0, 2), tags: ['web'] });
      await call(app, 'library.tag', { ids: ids.slice(1), tags: ['online'] });

      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Share & Settings' }).click();
      const card = page.getByRole('region', { name: 'Tags' });
      const rows = () =>
        card
          .getByRole('row')
          .evaluateAll((trs) =>
            trs.slice(1).map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)),
          );
      await expect.poll(rows).toEqual([
        ['online', '2'],
        ['web', '2'],
      ]);
      await axeBothSchemes(page, 'organise-tags', 'section[aria-labelledby="settings-tags"]');

      // Renaming "web" onto "online" merges them: one logo had both.
      await card.getByRole('button', { name: 'Rename tag web' }).click();
      await card.getByRole('textbox', { name: 'Rename tag web' }).fill('online');
      await page.keyboard.press('Enter');
      await library.toast(/Merged “web” into “online” on 2 logos/).waitFor();
      await expect.poll(rows).toEqual([['online', '3']]);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
        .toBe('Rename tag online');
      await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).last().click();
      await expect.poll(rows).toEqual([
        ['online', '2'],
        ['web', '2'],
      ]);

      await card.getByRole('button', { name: 'Delete tag web' }).click();
      await expect.poll(rows).toEqual([['online', '2']]);
      expect(pageErrors).toEqual([]);
    });
  });
});
