/**
 * Paste from the clipboard, the duplicate finder with "Keep one" and Undo, and moving in from an
 * Eagle library, in Chromium against `marque serve`, axe-clean in light and dark.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { seriousViolations } from '../pages/axe.ts';
import { screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';
import { ShellPage } from '../pages/shell-page.ts';

const require = createRequire(import.meta.url);

function bitcoinSvg(): string {
  const mark = /<path d="([^"]+)"/.exec(readFileSync(require.resolve('simple-icons/icons/bitcoin.svg'), 'utf8'));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#f7931a" d="${mark?.[1]}"/></svg>`;
}

/** A paste event as the browser sends one for a copied image (Ctrl+V over the page). */
async function pasteImage(page: Page, png: Buffer): Promise<void> {
  await page.evaluate((base64) => {
    const data = new DataTransfer();
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, png.toString('base64'));
}

async function axeBothSchemes(page: Page, include?: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page, include), scheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('paste, duplicates and Eagle', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('pastes SVG text and images, names the original of a duplicate, and keeps one of a look-alike pair', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const shell = new ShellPage(page);
      const svg = bitcoinSvg();
      const file = join(files, 'bitcoin.svg');
      await writeFile(file, svg);
      await library.importFiles([file]);
      await library.waitForTiles(1);

      // Ctrl+V of SVG text copied from an editor: the same mark, so the toast names the original.
      await page.evaluate((text) => navigator.clipboard.writeText(text), svg);
      await library.grid.focus();
      await page.keyboard.press('Control+V');
      await library.toast(/1 already in the library as "bitcoin"/).waitFor();

      // A copied bitmap of the same mark: a new logo that looks the same.
      const png = await sharp(Buffer.from(svg), { density: 1200 }).resize(300, 300).png().toBuffer();
      await pasteImage(page, png);
      await library.waitForTiles(2);
      const pasted = (await library.tileNames()).find((name) => name.startsWith('Pasted ')) as string;
      expect(pasted).toMatch(/^Pasted \d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d$/);

      await shell.open('Share & Settings');
      const opener = page.getByRole('button', { name: 'Find duplicates…' });
      await opener.click();
      const dialog = page.getByRole('dialog', { name: 'Duplicates' });
      const group = dialog.getByRole('group', { name: 'Look the same: 2 logos' });
      await group.waitFor();
      expect(await group.getByRole('radio').count()).toBe(2);
      // The oldest import is the one kept by default.
      expect(await group.getByRole('radio', { name: /^bitcoin/ }).isChecked()).toBe(true);
      await page.waitForFunction(() =>
        [...document.querySelectorAll('dialog img')].every((img) => (img as HTMLImageElement).complete),
      );
      await axeBothSchemes(page, 'dialog');
      await screenshot(page, 'duplicates', 'light');
      await screenshot(page, 'duplicates', 'dark');
      await page.emulateMedia({ colorScheme: 'light' });

      await group.getByRole('button', { name: 'Keep one' }).click();
      await dialog.getByText('No duplicates among 2 logos.').waitFor();
      await library.toast('Moved 1 logo to the Trash').waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Find duplicates…');
      await shell.open('Library');
      await library.waitForTiles(1);
      expect(await library.tileNames()).toEqual(['bitcoin']);
      await page.keyboard.press('Control+Z');
      await library.waitForTiles(2);
      expect(pageErrors).toEqual([]);
    });
  });

  it('imports an Eagle library from Settings with its names, tags, notes and folders', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const shell = new ShellPage(page);
      const root = join(files, 'Brands.library');
      const item = join(root, 'images', 'LK1.info');
      await mkdir(item, { recursive: true });
      await writeFile(
        join(root, 'metadata.json'),
        JSON.stringify({
          folders: [{ id: 'F1', name: 'Clients', children: [{ id: 'F2', name: 'Crypto', children: [] }] }],
          smartFolders: [],
          tagsGroups: [],
        }),
      );
      await writeFile(join(item, 'Bitcoin primary.svg'), bitcoinSvg());
      await writeFile(
        join(item, 'metadata.json'),
        JSON.stringify({
          id: 'LK1',
          name: 'Bitcoin primary',
          ext: 'svg',
          tags: ['crypto'],
          folders: ['F2'],
          annotation: 'Use on dark',
          url: 'https://bitcoin.org',
          star: 5,
          isDeleted: false,
        }),
      );

      await shell.open('Share & Settings');
      const card = page.getByRole('region', { name: 'Library tools' });
      await card.getByRole('textbox', { name: 'Eagle library folder' }).fill(root);
      await axeBothSchemes(page);
      await screenshot(page, 'settings-library-tools', 'dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await card.getByRole('button', { name: 'Import Eagle library' }).click();
      await library.toast(/Imported 1 logo from Eagle · 2 collections · 1 rated/).waitFor();

      await shell.open('Library');
      await library.waitForTiles(1);
      await library.tile('Bitcoin primary').click();
      await library.details.getByText('crypto', { exact: true }).waitFor();
      expect(await library.details.getByRole('textbox', { name: /Notes/ }).inputValue()).toBe(
        'Use on dark\n\nSource: https://bitcoin.org',
      );
      // Eagle's nested folder "Clients / Crypto" is the collection Crypto, inside Clients, holding the logo.
      await library.details.getByRole('button', { name: 'Open collection Crypto' }).click();
      await expect.poll(() => library.tileNames()).toEqual(['Bitcoin primary']);
      const nav = page.getByRole('navigation', { name: 'Collections' });
      const parentOfCrypto = await nav
        .getByRole('button', { name: /^Crypto/ })
        .evaluate((button) => button.parentElement?.parentElement?.closest('li')?.querySelector('button')?.textContent);
      expect(parentOfCrypto).toMatch(/^Clients/);
      expect(pageErrors).toEqual([]);
    });
  });
});
