import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { logoFiles, screenshot, logoName as stem, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';

describe('Library screen in Chromium (browser mode, real server)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('teaches drag-and-drop when empty, then imports files dropped on the window', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      await library.emptyState.waitFor();
      await expect(library.emptyState.textContent()).resolves.toMatch(/Drop logos here/);
      await screenshot(page, 'library-empty', 'light');
      await screenshot(page, 'library-empty', 'dark');
      const corpus = await logoFiles(files, 3, 2, 40);
      await library.dropFiles(corpus.files);
      await library.waitForTiles(5);
      expect((await library.tileNames()).sort()).toEqual(corpus.files.map(stem).sort());
      await expect(library.toast(/Imported 5 logos/).textContent()).resolves.toBeTruthy();
      // Dropping the same files again adds nothing and says so.
      await library.dropFiles(corpus.files.slice(0, 2));
      await library.toast(/Imported 0 logos · 2 already in the library/).waitFor();
      expect(await library.tiles().count()).toBe(5);

      // A broken file is named with its reason; the library is untouched.
      const broken = join(files, 'Broken Mark.png');
      await writeFile(broken, Buffer.from('this is not a png at all'));
      await library.dropFiles([broken]);
      const failure = library.toast(/Imported 0 logos · 1 failed/);
      await failure.waitFor();
      expect(await page.getByRole('region', { name: 'Notifications' }).textContent()).toMatch(/Broken Mark\.png/);
      expect(await library.tiles().count()).toBe(5);
      expect(pageErrors).toEqual([]);
    });
  });

  it('lists the versions once a master is replaced (by another client) and follows the change live', async () => {
    await withUi(browser, async ({ app, page, files }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 1, 1, 180);
      await library.importFiles([corpus.files[0] as string]);
      await library.waitForTiles(1);
      const [name] = await library.tileNames();
      await library.tile(name as string).click();
      await library.details.getByText('Format').waitFor();
      expect(await library.details.getByRole('heading', { name: 'Versions' }).count()).toBe(0);
      // Another client (the CLI, a script) replaces the master through the same contract.
      const list = (await (
        await fetch(new URL('/api/library.list', app.url), {
          method: 'POST',
          headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).json()) as { items: { id: string }[] };
      const reply = await fetch(new URL('/api/library.replaceMaster', app.url), {
        method: 'POST',
        headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: list.items[0]?.id, path: corpus.files[1] }),
      });
      expect(reply.status).toBe(200);
      // The library.changed event refreshes the open panel: two versions, the new PNG current.
      await library.details.getByRole('heading', { name: 'Versions' }).waitFor();
      await library.details.getByText('Version 2').waitFor();
      expect(await library.details.getByText('Current').count()).toBe(1);
      await expect.poll(() => library.details.textContent()).toMatch(/PNG · Raster/);
    });
  });

  it('fits a small window without overflow', async () => {
    await withUi(
      browser,
      async ({ page, files }) => {
        const library = new LibraryPage(page);
        const corpus = await logoFiles(files, 4, 2, 160);
        await library.importFiles(corpus.files);
        await library.waitForTiles(6);
        await library.tile((await library.tileNames())[0] as string).click();
        // Nothing sticks out sideways: the page itself never scrolls horizontally.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBe(0);
        await screenshot(page, 'library-small-window', 'light');
      },
      { viewport: { width: 1024, height: 680 } },
    );
  });

  it('searches as you type and filters by kind and format', async () => {
    await withUi(browser, async ({ page, files }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 6, 4, 60);
      await library.importFiles(corpus.files);
      await library.waitForTiles(10);
      const target = stem(corpus.svgs[2] as string);
      // Type a prefix of one name: the grid narrows without pressing Enter.
      const word = target.split('-').slice(1).join(' ').slice(0, 6);
      await library.typeSearch(word);
      // Wait for the narrowed result itself: between keystrokes the grid can be briefly empty
      // while a search is in flight, and an empty grid also has fewer than 10 tiles.
      let matches: string[] = [];
      await expect
        .poll(
          async () => {
            matches = await library.tileNames();
            return matches.length < 10 && matches.includes(target);
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      for (const name of matches)
        expect(name.toLowerCase().replace(/-/g, ' ')).toContain(word.toLowerCase().split(' ')[0]);
      await library.typeSearch('');
      await expect.poll(() => library.tiles().count()).toBe(10);

      // While a new query's reply is on its way the old results stay: hold one reply and look.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let heldOne = false;
      await page.route('**/api/library.list', async (route) => {
        if (heldOne) return route.continue();
        heldOne = true;
        await held;
        await route.continue();
      });
      await library.typeSearch(word);
      await expect.poll(() => heldOne).toBe(true);
      expect(await library.tiles().count()).toBe(10);
      release();
      await expect
        .poll(async () => (await library.tileNames()).includes(target) && (await library.tiles().count()) < 10)
        .toBe(true);
      await page.unroute('**/api/library.list');
      await library.typeSearch('');
      await expect.poll(() => library.tiles().count()).toBe(10);

      await library.kind('Vector');
      await expect.poll(async () => (await library.tileNames()).sort()).toEqual(corpus.svgs.map(stem).sort());
      await library.kind('Raster');
      await expect.poll(async () => (await library.tileNames()).sort()).toEqual(corpus.pngs.map(stem).sort());
      await library.kind('All');
      await library.format('SVG');
      await expect.poll(() => library.tiles().count()).toBe(6);
      await library.typeSearch('zzzz-no-such-logo');
      await page.getByText('No logos match').waitFor();
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => library.tiles().count()).toBe(10);
    });
  });

  it('selects with click, Shift and Ctrl, tags from the details panel and filters by the tag', async () => {
    await withUi(browser, async ({ page, files }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 4, 4, 80);
      await library.importFiles(corpus.files);
      await library.waitForTiles(8);
      const names = await library.tileNames();
      await library.tile(names[0] as string).click();
      await expect(library.selectedTiles().count()).resolves.toBe(1);
      await library.details.getByRole('textbox', { name: 'Name' }).waitFor();
      expect(await library.details.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(names[0]);
      await expect(library.details.textContent()).resolves.toMatch(/Format.*Size.*File/s);
      await screenshot(page, 'library', 'light');
      await screenshot(page, 'library', 'dark');

      // The palette was measured at import: the swatches are there without a click.
      await library.details
        .getByRole('button', { name: /^Copy .*#[0-9a-f]{6}\b/ })
        .first()
        .waitFor({ timeout: 60_000 });

      await library.addTag('Client A');
      await library.details.getByRole('button', { name: 'Client A', exact: true }).waitFor();

      await library.tile(names[3] as string).click({ modifiers: ['Shift'] });
      await expect.poll(() => library.selectedTiles().count()).toBe(4);
      await library.tile(names[1] as string).click({ modifiers: ['Control'] });
      await expect.poll(() => library.selectedTiles().count()).toBe(3);
      await library.details.getByText('3 logos selected').waitFor();
      await library.addTag('approved');
      await library.toast(/Tagged 3 logos/).waitFor();
      await screenshot(page, 'library-multi', 'light');
      await screenshot(page, 'library-multi', 'dark');

      await library.tile(names[0] as string).click();
      await library.details.getByRole('button', { name: 'approved', exact: true }).click();
      await expect.poll(async () => (await library.tileNames()).sort()).toEqual([names[0], names[2], names[3]].sort());
      // A new filter starts a new selection (Delete must not reach logos out of view).
      await expect.poll(() => library.selectedTiles().count()).toBe(0);
      await library.tile(names[0] as string).click();
      // Collections: make one from the details panel, then view it through the filter.
      await library.details
        .getByRole('combobox', { name: 'Add to a collection' })
        .selectOption({ label: 'New collection…' });
      await library.details.getByRole('textbox', { name: 'New collection name' }).fill('Spring campaign');
      await library.details.getByRole('button', { name: 'Create' }).click();
      await library.toast('Added 1 logo to Spring campaign').waitFor();
      await page.getByRole('button', { name: 'Clear tag filter approved' }).click();
      await (await library.openFilters())
        .getByLabel('Collection', { exact: true })
        .selectOption({ label: 'Spring campaign (1)' });
      await expect.poll(() => library.tileNames()).toEqual([names[0]]);
      await library.tile(names[0] as string).click();
      await library.details.getByRole('button', { name: 'Remove from Spring campaign' }).click();
      await page.getByText('No logos match').waitFor();
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => library.tiles().count()).toBe(8);

      // Renaming through the details panel shows in the grid.
      await library.tile(names[2] as string).click();
      const nameField = library.details.getByRole('textbox', { name: 'Name' });
      await nameField.fill('Harbour Mark');
      await nameField.press('Enter');
      await library.tile('Harbour Mark').waitFor();
    });
  });

  it('moves the selection to the Trash with Delete and brings it back with Undo and Ctrl+Z', async () => {
    await withUi(browser, async ({ page, files }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 3, 3, 100);
      await library.importFiles(corpus.files);
      await library.waitForTiles(6);
      const [first, second] = await library.tileNames();
      await library.tile(first as string).click();
      await library.tile(second as string).click({ modifiers: ['Control'] });
      await page.keyboard.press('Delete');
      await library.toast('Moved 2 logos to the Trash').waitFor();
      await expect.poll(() => library.tiles().count()).toBe(4);
      expect(await library.tileNames()).not.toContain(first);
      await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => library.tiles().count()).toBe(6);

      await library.tile(first as string).click();
      await page.keyboard.press('Delete');
      await expect.poll(() => library.tiles().count()).toBe(5);
      await page.keyboard.press('Control+z');
      await expect.poll(() => library.tiles().count()).toBe(6);

      // The Trash view lists trashed logos and restores them.
      await library.tile(second as string).click();
      await library.details.getByRole('button', { name: 'Move to Trash' }).click();
      await expect.poll(() => library.tiles().count()).toBe(5);
      await library.openTrash();
      await expect.poll(() => library.tileNames()).toEqual([second]);
      await screenshot(page, 'trash', 'light');
      await screenshot(page, 'trash', 'dark');
      await library.tile(second as string).click();
      // Delete in the Trash does nothing: only Empty Trash deletes for good.
      await page.keyboard.press('Delete');
      expect(await library.tiles().count()).toBe(1);
      await library.details.getByRole('button', { name: 'Restore' }).click();
      await page.getByText('The Trash is empty').waitFor();
      await library.openLibrary();
      await expect.poll(() => library.tiles().count()).toBe(6);

      // Emptying the Trash asks first, then deletes for good.
      await library.tile(first as string).click();
      await page.keyboard.press('Delete');
      await expect.poll(() => library.tiles().count()).toBe(5);
      await library.openTrash();
      await page.getByRole('button', { name: 'Empty Trash' }).click();
      await page.getByText('Delete 1 logo for good? This cannot be undone.').waitFor();
      await page.getByRole('button', { name: 'Cancel' }).click();
      expect(await library.tiles().count()).toBe(1);
      await page.getByRole('button', { name: 'Empty Trash' }).click();
      await page.getByRole('button', { name: 'Delete forever' }).click();
      await library.toast('Deleted 1 logo for good').waitFor();
      await page.getByText('The Trash is empty').waitFor();
      await library.openLibrary();
      await expect.poll(() => library.tiles().count()).toBe(5);
    });
  });
});
