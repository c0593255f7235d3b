/**
 * The library as a designer on a laptop uses it (issue 15, items 1, 2, 3's "?" and redo, 7): at
 * 1024x640 the grid shows at least 4 columns and the toolbar one row; thumbnail size, background
 * and panels are remembered; Quick Look and the shortcut sheet are dialogs named for what they show;
 * failures look like failures; focus comes back where the designer was. Axe-clean in both themes.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { callApi as call, type ServedApp } from '../fixtures/serve.ts';
import { seriousViolations } from '../pages/axe.ts';
import { logoFiles, type Scheme, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';

const LAPTOP = { width: 1024, height: 640 };

/** Columns the grid really shows: distinct left edges of the tiles on screen. */
function gridColumns(page: Page): Promise<number> {
  return page.evaluate(() => {
    const lefts = [...document.querySelectorAll('[role=option][data-logo-name]')].map((tile) =>
      Math.round(tile.getBoundingClientRect().left),
    );
    return new Set(lefts).size;
  });
}

/** Rows the toolbar's controls sit on: distinct vertical centres (within 8 px) of its visible parts. */
function toolbarRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const header = document.querySelector('header.toolbar');
    if (!header) return 0;
    const parts = [...header.querySelectorAll('h1, button, input, select, label')].filter((el) => {
      const rect = el.getBoundingClientRect();
      return rect.width > 1 && rect.height > 1 && !el.closest('.popover__panel');
    });
    const centres: number[] = [];
    for (const el of parts) {
      const rect = el.getBoundingClientRect();
      const centre = rect.top + rect.height / 2;
      if (!centres.some((c) => Math.abs(c - centre) < 8)) centres.push(centre);
    }
    return centres.length;
  });
}

const focused = (page: Page) =>
  page.evaluate(() => ({
    role: document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName.toLowerCase(),
    active: document.activeElement?.getAttribute('aria-activedescendant') ?? null,
    name: document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? null,
  }));

describe('library layout, Quick Look, shortcut sheet, feedback and focus', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const scheme of ['light', 'dark'] as const satisfies readonly Scheme[]) {
    it(`fits a 1024x640 window; Quick Look and "?" are named dialogs; axe-clean (${scheme})`, async () => {
      await withUi(
        browser,
        async ({ page, files, pageErrors }) => {
          const library = new LibraryPage(page);
          const corpus = await logoFiles(files, 5, 4, 700);
          await library.importFiles(corpus.files);
          await library.waitForTiles(9);
          await page.getByRole('button', { name: 'Dismiss notification' }).first().click();
          const names = await library.tileNames();

          // Nothing selected: no details panel; >= 4 columns; the toolbar is one row.
          expect(await library.details.count()).toBe(0);
          expect(await gridColumns(page)).toBeGreaterThanOrEqual(4);
          expect(await toolbarRows(page)).toBe(1);
          expect(await page.getByRole('slider', { name: 'Thumbnail size' }).isVisible()).toBe(true);
          expect(await seriousViolations(page)).toEqual([]);

          // Space on the grid: Quick Look of the logo under the cursor, named after it.
          await library.grid.focus();
          await page.keyboard.press('Space');
          const first = page.getByRole('dialog', { name: names[0] });
          await first.waitFor();
          await page.waitForFunction(() => {
            const img = document.querySelector<HTMLImageElement>('.quicklook__image');
            return img?.complete && img.naturalWidth > 0 && img.style.visibility !== 'hidden';
          });
          expect(await seriousViolations(page)).toEqual([]);
          const zoom = page.getByRole('status', { name: 'Zoom' });
          const fitted = await zoom.textContent();
          await page.keyboard.press('Equal');
          await expect.poll(() => zoom.textContent()).not.toBe(fitted);
          await page.getByRole('button', { name: 'Fit' }).click();
          await expect.poll(() => zoom.textContent()).toBe(fitted);
          await page.getByTestId('quicklook-stage').focus();
          await page.keyboard.press('ArrowRight');
          await page.getByRole('dialog', { name: names[1] }).waitFor();
          // Escape closes; the focus is back on the grid, on the logo Quick Look ended on.
          await page.keyboard.press('Escape');
          await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
          await expect.poll(() => focused(page)).toEqual({ role: 'listbox', active: 'logo-tile-1', name: 'Logos' });
          expect(await library.selectedTiles().getAttribute('data-logo-name')).toBe(names[1]);
          // With a selection the details panel opens: still >= 4 columns and one toolbar row.
          await library.details.waitFor();
          expect(await gridColumns(page)).toBeGreaterThanOrEqual(4);
          expect(await toolbarRows(page)).toBe(1);
          expect(await seriousViolations(page)).toEqual([]);

          // "?": every shortcut, grouped; Escape returns to the grid.
          await page.keyboard.press('?');
          const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
          await sheet.waitFor();
          for (const group of ['General', 'View', 'Library grid', 'Quick Look'])
            await sheet.getByRole('heading', { name: group }).waitFor();
          expect(await sheet.getByText('Redo', { exact: true }).count()).toBe(1);
          expect(await sheet.getByText('Quick Look', { exact: true }).count()).toBeGreaterThan(0);
          expect(await seriousViolations(page)).toEqual([]);
          await page.keyboard.press('Escape');
          await expect.poll(() => sheet.count()).toBe(0);
          await expect.poll(async () => (await focused(page)).role).toBe('listbox');
          expect(pageErrors).toEqual([]);
        },
        { scheme, viewport: LAPTOP },
      );
    });
  }

  it('sizes thumbnails by slider and Ctrl +/-, switches backgrounds, folds panels, and remembers it all', async () => {
    await withUi(
      browser,
      async ({ app, page, files, pageErrors }) => {
        const library = new LibraryPage(page);
        const corpus = await logoFiles(files, 6, 0, 720);
        await library.importFiles(corpus.files);
        await library.waitForTiles(6);
        const slider = page.getByRole('slider', { name: 'Thumbnail size' });
        const before = Number(await slider.inputValue());
        const columns = await gridColumns(page);
        await library.grid.focus();
        await page.keyboard.press('Control+Equal');
        await expect.poll(async () => Number(await slider.inputValue())).toBeGreaterThan(before);
        await page.keyboard.press('Control+Minus');
        await page.keyboard.press('Control+Minus');
        await expect.poll(async () => Number(await slider.inputValue())).toBeLessThan(before);
        await slider.fill('320');
        await expect.poll(() => gridColumns(page)).toBeLessThan(columns);
        // Full names on hover, for names the tile cuts.
        const [name] = await library.tileNames();
        expect(await library.tile(name as string).getAttribute('title')).toBe(name);

        // Thumbnail background from the View popover; the sidebar folds to icons.
        await page.getByRole('button', { name: 'View' }).click();
        await page.getByRole('group', { name: 'Thumbnail background' }).getByRole('button', { name: 'Dark' }).click();
        expect(await library.grid.getAttribute('class')).toContain('grid--bg-dark');
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Collapse sidebar' }).click();
        await page.getByRole('button', { name: 'Expand sidebar' }).waitFor();

        // Ctrl+Space toggles selection (Space is Quick Look now); Ctrl+I folds the details panel.
        await library.grid.focus();
        await page.keyboard.press('Home');
        await page.keyboard.press('Control+ArrowRight');
        await page.keyboard.press('Control+Space');
        await expect.poll(() => library.selectedTiles().count()).toBe(2);
        await library.details.waitFor();
        await page.keyboard.press('Control+i');
        await expect.poll(() => library.details.count()).toBe(0);

        // A reload keeps every choice.
        await page.reload();
        await library.waitForTiles(6);
        expect(await slider.inputValue()).toBe('320');
        expect(await library.grid.getAttribute('class')).toContain('grid--bg-dark');
        await page.getByRole('button', { name: 'Expand sidebar' }).waitFor();
        await library.tile(name as string).click();
        expect(await library.details.count()).toBe(0);
        await page.keyboard.press('Control+i');
        await library.details.waitFor();

        // Quick Look shows the logo's outputs too.
        const logo = (await call<{ items: { id: string; name: string }[] }>(app, 'library.list', {})).items.find(
          (l) => l.name === name,
        ) as { id: string };
        const { jobs } = await call<{ jobs: { id: string }[] }>(app, 'jobs.enqueue', {
          logoIds: [logo.id],
          recipe: 'normalize',
          priority: 'interactive',
        });
        const jobId = (jobs[0] as { id: string }).id;
        await expect
          .poll(async () => (await call<{ state: string }>(app, 'jobs.get', { id: jobId })).state, { timeout: 60_000 })
          .toBe('done');
        await library.grid.focus();
        await page.keyboard.press('Space');
        const dialog = page.getByRole('dialog', { name: name as string });
        await dialog.waitFor();
        const picker = dialog.getByRole('combobox', { name: 'Show' });
        await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
        const output = (await picker.locator('option').nth(1).getAttribute('value')) as string;
        await picker.selectOption(output);
        await expect
          .poll(() => dialog.locator('.quicklook__image').getAttribute('src'))
          .toContain(`/media/output/${jobId}/`);
        expect(pageErrors).toEqual([]);
      },
      { viewport: LAPTOP },
    );
  });

  it('shows failures as alerts, folds toasts past three, retires used Undo, redoes, and keeps focus', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 3, 0, 740);
      const broken = join(files, 'broken.png');
      await writeFile(broken, 'not a png at all');
      await library.importFiles([...corpus.files, broken]);
      await library.waitForTiles(3);
      // Two came in, one failed: the toast is a failure (an alert), not a green success.
      const failure = page.getByRole('alert').filter({ hasText: /1 failed/ });
      await failure.waitFor();
      expect(await failure.getAttribute('class')).toContain('toast--error');

      // More failures than fit: three toasts at most, the rest folded into "+N more".
      for (let i = 0; i < 3; i++) {
        const another = join(files, `broken-${i}.png`);
        await writeFile(another, `not a png either ${i}`);
        await library.importFiles([another]);
        await page
          .getByRole('alert')
          .filter({ hasText: `broken-${i}.png` })
          .first()
          .waitFor({ state: 'attached' });
      }
      const region = page.getByRole('region', { name: 'Notifications' });
      await region.getByText('+2 more').waitFor();
      expect(await region.locator('.toast').count()).toBe(3);
      await region.getByRole('button', { name: 'Dismiss all' }).click();
      await expect.poll(() => region.locator('.toast').count()).toBe(0);

      // Delete offers Undo; Ctrl+Z undoes and the toast's Undo goes with it; redo does it again.
      const names = await library.tileNames();
      await library.tile(names[0] as string).click();
      await page.keyboard.press('Delete');
      await expect.poll(() => library.tiles().count()).toBe(2);
      const undoButton = region.getByRole('button', { name: 'Undo' });
      await undoButton.waitFor();
      await page.keyboard.press('Control+z');
      await expect.poll(() => library.tiles().count()).toBe(3);
      await expect.poll(() => undoButton.count()).toBe(0);
      await page.keyboard.press('Control+Shift+Z');
      await expect.poll(() => library.tiles().count()).toBe(2);
      await page.keyboard.press('Control+z');
      await expect.poll(() => library.tiles().count()).toBe(3);
      await page.keyboard.press('Control+y');
      await expect.poll(() => library.tiles().count()).toBe(2);
      await page.keyboard.press('Control+z');
      await expect.poll(() => library.tiles().count()).toBe(3);
      // Trash from the details panel, then Undo on the toast: the focus stays on the grid both times.
      await library.tile(names[2] as string).click();
      await library.details.getByRole('button', { name: 'Move to Trash' }).click();
      await expect.poll(() => library.tiles().count()).toBe(2);
      await expect.poll(async () => (await focused(page)).role).toBe('listbox');
      await region.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => library.tiles().count()).toBe(3);
      await expect.poll(async () => (await focused(page)).role).toBe('listbox');

      // F2 renames; Enter brings the focus back to the grid.
      await library.tile(names[1] as string).click();
      await page.keyboard.press('F2');
      await expect.poll(async () => (await focused(page)).name).toBe('Name');
      await page.keyboard.type('Renamed mark');
      await page.keyboard.press('Enter');
      await library.tile('Renamed mark').waitFor();
      await expect.poll(async () => (await focused(page)).role).toBe('listbox');
      // Ctrl+E: the focus lands on the Export screen, not the page.
      await page.keyboard.press('Control+e');
      await page.getByRole('heading', { name: 'Export', level: 1 }).waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null))
        .toBe(true);
      expect(pageErrors).toEqual([]);
    });
  });
});
