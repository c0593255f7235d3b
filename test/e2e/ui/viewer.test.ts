import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY } from '../../helpers/node24.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { launchChromium } from '../fixtures/browser.ts';
import { logoFiles, screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';

const run = promisify(execFile);

describe('viewer mode: what teammates see through the share', () => {
  let browser: Browser;
  let data: Awaited<ReturnType<typeof tempDir>>;
  let sources: Awaited<ReturnType<typeof tempDir>>;
  let corpus: Awaited<ReturnType<typeof logoFiles>>;

  beforeAll(async () => {
    browser = await launchChromium();
    data = await tempDir('marque-ui-share-');
    sources = await tempDir('marque-ui-share-src-');
    corpus = await logoFiles(sources.path, 3, 2, 260);
    // The designer imported these with the CLI; the teammate only browses.
    await run(process.execPath, [
      '--disable-warning=ExperimentalWarning',
      CLI_ENTRY,
      'import',
      ...corpus.files,
      '--data-dir',
      data.path,
      '--json',
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await data?.cleanup();
    await sources?.cleanup();
  });

  it('shows the library read-only with search, details and downloads, and no control that mutates', async () => {
    await withUi(
      browser,
      async ({ page, pageErrors }) => {
        const library = new LibraryPage(page);
        await library.waitForTiles(5);
        // Only the Library among the screens in the sidebar; nothing imports.
        const nav = page.getByRole('navigation', { name: 'Main' });
        const screens = /^(Library|Trash|Queue|Export|Share & Settings)$/;
        expect(await nav.getByRole('button', { name: screens }).count()).toBe(1);
        await nav.getByRole('button', { name: 'Library', exact: true }).waitFor();
        await nav.getByText('Viewing a shared library').waitFor();
        expect(await page.locator('input[type=file]').count()).toBe(0);
        expect(await page.getByRole('button', { name: /Import|Choose files/ }).count()).toBe(0);

        const names = await library.tileNames();
        await library.tile(names[0] as string).click();
        await library.details.getByRole('heading', { name: names[0] }).waitFor();
        const mutating = /Move to Trash|Restore|Empty Trash|Add|Export|Remove tag|favourites/i;
        expect(await library.details.getByRole('button', { name: mutating }).count()).toBe(0);
        expect(await library.details.getByRole('textbox').count()).toBe(0);
        expect(await page.getByRole('button', { name: /Queue/ }).count()).toBe(0);
        await screenshot(page, 'viewer', 'light');
        await screenshot(page, 'viewer', 'dark');

        // Delete does nothing; a file dragged over the window shows no drop target.
        await library.grid.focus();
        await page.keyboard.press('Delete');
        await page.evaluate(() => {
          const data = new DataTransfer();
          data.items.add(new File(['x'], 'x.svg', { type: 'image/svg+xml' }));
          document.body.dispatchEvent(
            new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }),
          );
        });
        expect(await page.locator('.drop-overlay').count()).toBe(0);
        expect(await library.tiles().count()).toBe(5);

        // Search works, and the original downloads byte for byte... as sanitized by the intake: non-empty SVG.
        await library.typeSearch(names[1] as string);
        await expect.poll(() => library.tileNames()).toEqual([names[1]]);
        await library.tile(names[1] as string).click();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          library.details.getByRole('link', { name: 'Download original' }).click(),
        ]);
        const saved = await download.path();
        const bytes = await readFile(saved);
        expect(bytes.length).toBeGreaterThan(50);
        expect(pageErrors).toEqual([]);
      },
      { dataDir: data.path, serveArgs: ['--share', '--host', '127.0.0.1'] },
    );
  });
});
