/**
 * Opening files with Marque (Finder/Explorer, a second launch, File › Import…) through the
 * contract over HTTP: `app.openFiles` imports through the same path as a drop, and the window
 * shows the report as its import toast, naming the file that failed and why.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import type { ServedApp } from '../fixtures/serve.ts';
import { logoFiles, logoName, screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';

async function call(app: ServedApp, method: string, input: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${app.url}api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
  return body;
}

async function brokenPng(dir: string): Promise<string> {
  const path = join(dir, 'broken-mark.png');
  await writeFile(
    path,
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('x')]),
  );
  return path;
}

describe('files opened with Marque', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports them and shows the report in the open window, naming the bad file and the reason', async () => {
    await withUi(browser, async ({ app, page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 1, 0, 410);
      const good = corpus.files[0] as string;
      const bad = await brokenPng(files);
      const opened = await call(app, 'app.openFiles', { paths: [good, bad] });
      expect(opened).toMatchObject({ report: { imported: 1, failed: 1 } });

      await library.toast('Opened 2 files with Marque: Imported 1 logo · 1 failed').waitFor();
      await library.toast(/broken-mark\.png: cannot be read as an image/).waitFor();
      await library.tile(logoName(good)).waitFor();
      await library.waitForTiles(1);
      // Shown once: the window acknowledged it, so nothing stays pending.
      await expect.poll(async () => (await call(app, 'app.openedFiles', {})) as unknown as unknown[]).toEqual([]);
      await screenshot(page, 'open-files-report', 'light');
      expect(pageErrors).toEqual([]);
    });
  });

  it('shows the report of files opened before the window was there, once', async () => {
    await withUi(browser, async ({ app, page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 2, 0, 420);
      const bad = await brokenPng(files);
      // The window that is open acknowledges reports as they come: close it first, as at a cold start.
      await page.goto('about:blank');
      await call(app, 'app.openFiles', { paths: [...corpus.files, bad] });
      const pending = (await call(app, 'app.openedFiles', {})) as unknown as { report: { imported: number } }[];
      expect(pending).toHaveLength(1);
      expect(pending[0]?.report.imported).toBe(2);

      await page.goto(app.url);
      await library.toast('Opened 3 files with Marque: Imported 2 logos · 1 failed').waitFor();
      await library.waitForTiles(2);
      await expect.poll(async () => (await call(app, 'app.openedFiles', {})) as unknown as unknown[]).toEqual([]);
      await page.reload();
      await library.waitForTiles(2);
      await expect(library.toast(/Opened 3 files/).count()).resolves.toBe(0);
      expect(pageErrors).toEqual([]);
    });
  });

  it('refuses the method to teammates on the share', async () => {
    await withUi(
      browser,
      async ({ app }) => {
        const response = await fetch(`${app.url}api/app.openFiles`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ paths: ['/etc/passwd'] }),
        });
        expect(response.status).toBe(403);
      },
      { serveArgs: ['--share', '--host', '127.0.0.1'] },
    );
  });
});
