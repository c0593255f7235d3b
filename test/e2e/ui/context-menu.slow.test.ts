/**
 * Context menus and drag-out in browser mode: a role="menu" on logo tiles and outputs, opened
 * by right-click, Shift+F10 or the context-menu key, driven by keyboard; its actions go through
 * the contract over HTTP (files.locate, files.open) against the real server and files on disk.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { callApi as call, type ServedApp } from '../fixtures/serve.ts';
import { seriousViolations } from '../pages/axe.ts';
import { logoFiles, screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';

async function original(app: ServedApp, id: string): Promise<Buffer> {
  const response = await fetch(`${app.url}media/original/${id}`, { headers: { Authorization: `Bearer ${app.token}` } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

const menu = (page: Page) => page.getByRole('menu');
const focusedItem = (page: Page) =>
  page.evaluate(() =>
    document.activeElement?.getAttribute('role') === 'menuitem' ? document.activeElement.textContent : null,
  );
const focusedRole = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('role'));

describe('context menus and drag-out', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens on a tile by right-click and keyboard, moves by arrows and letters, and acts on real files', async () => {
    await withUi(browser, async ({ app, page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 3, 0, 500);
      await library.importFiles(corpus.files);
      await library.waitForTiles(3);
      const logos = (
        await call<{ items: { id: string; name: string }[] }>(app, 'library.list', { sort: 'name', order: 'asc' })
      ).items;
      const byName = new Map(logos.map((logo) => [logo.name, logo.id]));
      const [firstName, secondName] = await library.tileNames();

      // Right-click: the menu names the logo, focus is on its first item, the tile is selected.
      await library.tile(secondName as string).click({ button: 'right' });
      await expect(menu(page).getAttribute('aria-label')).resolves.toBe(secondName);
      expect(await menu(page).getByRole('menuitem').allTextContents()).toEqual([
        'Open',
        'Copy path',
        'Export…',
        'Proof…',
        'Favicon studio…',
        'Move to the Trash',
      ]);
      await expect.poll(() => focusedItem(page)).toBe('Open');
      await expect.poll(() => library.selectedTiles().getAttribute('data-logo-name')).toBe(secondName);
      await screenshot(page, 'context-menu-tile', 'light');
      expect(await seriousViolations(page, '[role=menu]')).toEqual([]);
      await screenshot(page, 'context-menu-tile', 'dark');
      expect(await seriousViolations(page, '[role=menu]')).toEqual([]);
      await page.emulateMedia({ colorScheme: 'light' });
      // Escape closes it and gives the focus back to the grid.
      await page.keyboard.press('Escape');
      await menu(page).waitFor({ state: 'detached' });
      expect(await focusedRole(page)).toBe('listbox');

      // Keyboard only: Shift+F10 on the cursor cell; arrows wrap, Home/End, a letter jumps.
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+F10');
      await expect(menu(page).getAttribute('aria-label')).resolves.toBe(firstName);
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => focusedItem(page)).toBe('Move to the Trash');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => focusedItem(page)).toBe('Open');
      await page.keyboard.press('End');
      await expect.poll(() => focusedItem(page)).toBe('Move to the Trash');
      await page.keyboard.press('Home');
      await page.keyboard.press('c');
      await expect.poll(() => focusedItem(page)).toBe('Copy path');
      // Enter copies the path of a real file holding the logo's original bytes, under its own name.
      await page.keyboard.press('Enter');
      await library.toast('Path copied').waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const firstId = byName.get(firstName as string) as string;
      expect(copied).toMatch(new RegExp(`${firstId}/${firstName}\\.svg$`));
      expect(await readFile(copied)).toEqual(await original(app, firstId));
      expect(await focusedRole(page)).toBe('listbox');

      // Open in browser mode downloads the original.
      await page.keyboard.press('Shift+F10');
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(download.suggestedFilename()).toBe(`${firstName}.svg`);
      expect(await readFile(await download.path())).toEqual(await original(app, firstId));

      // The context-menu key on a range selection acts on the whole selection; Trash has Undo.
      await page.keyboard.press('Shift+ArrowRight');
      await expect.poll(() => library.selectedTiles().count()).toBe(2);
      await page.keyboard.press('ContextMenu');
      await expect(menu(page).getAttribute('aria-label')).resolves.toBe('2 logos');
      expect(await menu(page).getByRole('menuitem').allTextContents()).toEqual([
        `Open “${secondName}”`,
        'Copy 2 paths',
        'Export 2 logos…',
        'Proof 2 logos…',
        'Move 2 logos to the Trash',
      ]);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await library.toast('Moved 2 logos to the Trash').waitFor();
      await expect.poll(() => library.tiles().count()).toBe(1);
      await page.keyboard.press('Control+z');
      await expect.poll(() => library.tiles().count()).toBe(3);

      // Export… selects the logos and opens the Export screen.
      await library.tile(firstName as string).click({ button: 'right' });
      await menu(page).getByRole('menuitem', { name: 'Export…' }).click();
      await page.getByRole('heading', { name: 'Export', level: 1 }).waitFor();
      expect(pageErrors).toEqual([]);
      // The menu's contract methods refuse what is not a logo's file.
      await expect(call(app, 'files.locate', { items: [{ kind: 'original', id: '../../../etc' }] })).rejects.toThrow(
        /INVALID_INPUT/,
      );
      expect(
        await call<{ done: string; url: string }>(app, 'files.reveal', { item: { kind: 'original', id: firstId } }),
      ).toEqual({ done: 'download', url: `/media/original/${firstId}` });
    });
  });

  it('drags a tile out as a download of its original, and an output as its file', async () => {
    await withUi(browser, async ({ app, page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 0, 1, 520);
      await library.importFiles(corpus.files);
      await library.waitForTiles(1);
      const [logo] = (await call<{ items: { id: string; name: string }[] }>(app, 'library.list', {})).items;
      const id = (logo as { id: string }).id;
      const name = (logo as { name: string }).name;

      const dragData = (selector: string) =>
        page.evaluate((sel) => {
          const element = document.querySelector(sel) as HTMLElement;
          const data = new DataTransfer();
          element.dispatchEvent(new DragEvent('dragstart', { dataTransfer: data, bubbles: true, cancelable: true }));
          return {
            draggable: element.draggable,
            url: data.getData('DownloadURL'),
            list: data.getData('text/uri-list'),
          };
        }, selector);
      const tile = await dragData(`[role=option][data-logo-name="${name}"]`);
      expect(tile.draggable).toBe(true);
      expect(tile.url).toBe(`image/png:${name}.png:${app.url}media/original/${id}`);
      // The link a drop would fetch serves the original's bytes (the page's session cookie).
      const fetched = await page.evaluate(async (url) => {
        const response = await fetch(url);
        return { status: response.status, size: (await response.arrayBuffer()).byteLength };
      }, tile.list);
      expect(fetched).toEqual({ status: 200, size: (await original(app, id)).byteLength });

      // An output: its row's "Actions" button opens the same kind of menu; its previews drag out.
      const { jobs } = await call<{ jobs: { id: string }[] }>(app, 'jobs.enqueue', {
        logoIds: [id],
        recipe: 'normalize',
        priority: 'interactive',
      });
      const jobId = (jobs[0] as { id: string }).id;
      await expect
        .poll(async () => (await call<{ state: string }>(app, 'jobs.get', { id: jobId })).state, { timeout: 60_000 })
        .toBe('done');
      await library.tile(name).click();
      const actions = library.details.getByRole('button', { name: /^Actions for / });
      await actions.click();
      const items = await menu(page).getByRole('menuitem').allTextContents();
      expect(items[0]).toMatch(/^Open .+\.png$/);
      expect(items.slice(1)).toEqual(['Copy path', 'Export…', expect.stringMatching(/^Download .+\.png$/)]);
      await screenshot(page, 'context-menu-output', 'light');
      await page.keyboard.press('Escape');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
        .toMatch(/^Actions for /);
      const output = await dragData('.outputs__preview');
      expect(output.url).toMatch(new RegExp(`^image/png:[^:]+\\.png:${app.url}media/output/${jobId}/`));
      // Shift+F10 on a focused preview opens the menu of that one file.
      await page.locator('.outputs__preview').first().focus();
      await page.keyboard.press('Shift+F10');
      await expect(menu(page).getAttribute('aria-label')).resolves.toMatch(/\.png$/);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await library.toast('Path copied').waitFor();
      const path = await page.evaluate(() => navigator.clipboard.readText());
      const served = await page.evaluate(
        async (url) => (await (await fetch(url)).arrayBuffer()).byteLength,
        output.list,
      );
      expect((await readFile(path)).byteLength).toBe(served);
      expect(pageErrors).toEqual([]);
    });
  });
});
