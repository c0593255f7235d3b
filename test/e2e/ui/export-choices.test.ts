import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { seriousViolations } from '../pages/axe.ts';
import { logoFiles, screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';
import { ExportPage } from '../pages/screens.ts';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe('export that explains itself: human names, one manifest, remembered choices', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('writes {name}-{size}.png, previews the renames of "Keep both", keeps one manifest and remembers the choices', async () => {
    await withUi(browser, async ({ app, page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const exporter = new ExportPage(page);
      const corpus = await logoFiles(files, 1, 1, 280);
      // Nothing painted: its PDF fails, and the summary must say so once, with what to do.
      const empty = join(files, 'empty.svg');
      await writeFile(empty, '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><g/></svg>');
      await library.importFiles([...corpus.files, empty]);
      await library.waitForTiles(3);
      const names = (await library.tileNames()).filter((name) => name !== 'empty');
      const selectAll = async () => {
        await library.selectAll(3);
        await page.keyboard.press('Control+e');
      };
      await selectAll();
      await exporter.recipe(/Favicon pack/).uncheck();
      await exporter.recipe(/^PNG/).check();
      await exporter.recipe(/^Vector PDF/).check();
      const destination = join(files, 'Delivery');
      await exporter.destination.fill(destination);
      await exporter.run();
      await exporter.summary.waitFor({ timeout: 90_000 });

      const written = await listFiles(destination);
      for (const name of [...names, 'empty']) expect(written).toContain(`${name}/png/${name}-1024.png`);
      expect(written.filter((path) => /normaliz/.test(path))).toEqual([]);
      const failure = exporter.summary.getByRole('list', { name: 'Failures' }).getByRole('listitem');
      await expect.poll(() => failure.count()).toBe(1);
      const line = (await failure.textContent()) ?? '';
      expect(line.split('empty').length - 1, line).toBe(1);
      expect(line).toMatch(/no painted shapes.*retrying will not help/);

      // The same export again, "Keep both": the preview is fresh (not the last summary) and says
      // which names were taken; the export writes beside them and keeps one manifest.json.
      await exporter.preview();
      await exporter.plan.waitFor({ timeout: 60_000 });
      expect(await exporter.summary.count()).toBe(0);
      await exporter.plan.getByText(`renamed: ${names[0]}-1024.png exists`).waitFor();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await seriousViolations(page, 'main')).toEqual([]);
        await screenshot(page, 'export-keep-both', scheme);
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await exporter.run();
      await exporter.summary.waitFor({ timeout: 60_000 });
      const again = await listFiles(destination);
      expect(again).toContain(`${names[0]}/png/${names[0]}-1024 (2).png`);
      expect(again.filter((path) => path.startsWith('manifest'))).toEqual(['manifest.json']);

      // Reload: the choices come back for this library.
      await page.reload();
      await page.locator('[data-app-mode]').waitFor({ state: 'attached' });
      await library.waitForTiles(3);
      await selectAll();
      await expect.poll(() => exporter.destination.inputValue()).toBe(destination);
      expect(await exporter.recipe(/^PNG/).isChecked()).toBe(true);
      expect(await exporter.recipe(/^Vector PDF/).isChecked()).toBe(true);
      expect(await exporter.recipe(/Favicon pack/).isChecked()).toBe(false);

      // Browser download: named after the selection, and no temp path of the server on screen.
      await exporter.recipe(/^Vector PDF/).uncheck();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download zip' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/ and 2 more-\d{4}-\d{2}-\d{2}\.zip$/);
      await exporter.summary.waitFor();
      const shown = (await exporter.summary.textContent()) ?? '';
      expect(shown).toContain(download.suggestedFilename());
      expect(shown).not.toContain(app.dataDir);
      expect(pageErrors).toEqual([]);
    });
  });
});
