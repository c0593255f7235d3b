import { createServer } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import type { ServedApp } from '../fixtures/serve.ts';
import { seriousViolations } from '../pages/axe.ts';
import { logoFiles, logoName, screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';
import { ShellPage } from '../pages/shell-page.ts';

/** A port nobody listens on right now (the share must not collide with other test runs). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Calls the contract as a script on this computer would (token, JSON). */
async function call<T>(app: ServedApp, method: string, body: unknown): Promise<T> {
  const response = await fetch(`${app.url}api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, method).toBe(200);
  return (await response.json()) as T;
}

/** The text of one cell of the teammate's row in the "Connected" table, read afresh on each poll. */
function connectedCell(page: Page, column: 'Views' | 'Downloads'): () => Promise<string> {
  const share = page.getByRole('region', { name: 'Share with teammates' });
  const index = column === 'Views' ? 2 : 3;
  return async () => {
    const row = share.getByRole('row').filter({ hasText: '127.0.0.1' });
    if ((await row.count()) !== 1) return '';
    return ((await row.getByRole('cell').nth(index).textContent()) ?? '').trim();
  };
}

/** The text of the activity line of one kind, read afresh on each poll ('' while there is none). */
function activityLine(page: Page, label: string): () => Promise<string> {
  const items: Locator = page
    .getByRole('region', { name: 'Activity', exact: true })
    .getByRole('listitem')
    .filter({ hasText: label });
  return async () => ((await items.count()) === 1 ? ((await items.textContent()) ?? '') : '');
}

describe('share activity tells browsing from downloads (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a teammate who only looks shows views, not downloads; one download counts once', async () => {
    await withUi(browser, async ({ app, page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 0, 1, 400);
      await library.importFiles(corpus.files);
      await library.waitForTiles(1);
      const name = logoName(corpus.files[0] as string);
      const started = await call<{ link: string }>(app, 'share.start', { host: '127.0.0.1', port: await freePort() });
      await new ShellPage(page).open('Share & Settings');
      const views = connectedCell(page, 'Views');
      const downloads = connectedCell(page, 'Downloads');
      const browsed = activityLine(page, 'Browsed via share');
      const downloaded = activityLine(page, 'Downloaded via share');

      const teammate = await browser.newContext({ acceptDownloads: true });
      try {
        // The teammate looks: the grid's thumbnail, then the logo's details with its original inline.
        const viewer = await teammate.newPage();
        await viewer.goto(started.link);
        const shared = new LibraryPage(viewer);
        await shared.waitForTiles(1);
        await shared.tile(name).click();
        const inline = viewer.locator(`img[src="/media/original/${encodeURIComponent(await tileId(shared, name))}"]`);
        await expect
          .poll(() => inline.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 30_000 })
          .toBeGreaterThan(0);

        // The designer sees views (the thumbnail and the inline original at least) and no
        // download, in the table and in the activity log.
        await expect.poll(async () => Number(await views()), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
        await expect.poll(downloads).toBe('0');
        await expect.poll(browsed, { timeout: 30_000 }).toMatch(/Browsed via share · \d+ views/);
        await expect.poll(downloaded).toBe('');

        // One click on "Download original": exactly one download, wherever it is counted.
        const [download] = await Promise.all([
          viewer.waitForEvent('download'),
          viewer.getByRole('link', { name: 'Download original' }).click(),
        ]);
        expect(await download.path()).toBeTruthy();
        await expect.poll(downloads, { timeout: 30_000 }).toBe('1');
        await expect.poll(downloaded, { timeout: 30_000 }).toContain('Downloaded via share · 1 download ·');
        await expect.poll(browsed).toMatch(/Browsed via share · \d+ views/);
        const status = await call<{ clients: { views: number; downloads: number }[] }>(app, 'share.status', {});
        expect(status.clients).toEqual([expect.objectContaining({ downloads: 1 })]);
        expect(status.clients[0]?.views).toBeGreaterThanOrEqual(2);
        const log = await call<{ items: { kind: string; count: number }[] }>(app, 'activity.list', {
          kind: 'share-download',
        });
        expect(log.items.map(({ count }) => count)).toEqual([1]);

        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          expect(await seriousViolations(page), scheme).toEqual([]);
        }
        await page.getByRole('region', { name: 'Activity', exact: true }).scrollIntoViewIfNeeded();
        await screenshot(page, 'settings-share-activity', 'light');
      } finally {
        await teammate.close();
      }
      expect(pageErrors).toEqual([]);
    });
  });
});

/** The logo id behind a tile (its thumbnail's media path), to find the same original elsewhere. */
async function tileId(library: LibraryPage, name: string): Promise<string> {
  const src = (await library.tile(name).locator('img').first().getAttribute('src')) ?? '';
  return decodeURIComponent(src.split('/').pop() ?? '');
}
