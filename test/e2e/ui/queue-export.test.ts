import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { logoFiles, screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';
import { ExportPage, QueuePage } from '../pages/screens.ts';
import { ShellPage } from '../pages/shell-page.ts';

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

describe('Queue and Export screens drive the real pipeline and exporter', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('queues a recipe for a selection and the status bar and queue reach done', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const shell = new ShellPage(page);
      const corpus = await logoFiles(files, 2, 1, 200);
      await library.importFiles(corpus.files);
      await library.waitForTiles(3);
      const names = await library.tileNames();
      await library.tile(names[0] as string).click();
      await library.tile(names[2] as string).click({ modifiers: ['Shift'] });
      await page.keyboard.press('Control+e');
      const exporter = new ExportPage(page);
      await exporter.recipe(/Favicon pack/).uncheck();
      await exporter.recipe(/^PNG/).check();
      await exporter.recipe(/^Palette/).check();
      // Separations take seconds (1200 dpi films), so the running stretch is long enough to observe
      // even on an idle machine where PNG and palette jobs finish within one event batch.
      await exporter.recipe(/^Colour separations/).check();
      // Record every state the status bar shows while the jobs run.
      await page.evaluate(() => {
        const bar = document.querySelector('footer.statusbar') as HTMLElement;
        const seen: string[] = [];
        (window as unknown as { statusSeen: string[] }).statusSeen = seen;
        new MutationObserver(() => seen.push(bar.textContent ?? '')).observe(bar, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
      await exporter.queueRecipes();
      await library.toast('Queued 9 jobs').waitFor();
      await shell.open('Queue');
      const queue = new QueuePage(page);
      await expect.poll(() => queue.jobs().count()).toBe(9);
      await expect.poll(() => queue.jobsInState('done').count(), { timeout: 90_000 }).toBe(9);
      // The status bar went back to idle once the stretch finished.
      await page.getByTestId('queue-idle').waitFor();
      const seen = await page.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen);
      expect(
        // The Export screen queues recipe after recipe, so fast jobs may close a stretch before the
        // next recipe is queued: the count per stretch varies, the progress display must not.
        seen.some((text) => /Processing \d+ of \d+\s*\d+%/.test(text)),
        JSON.stringify(seen),
      ).toBe(true);
      expect(seen.at(-1)).toMatch(/Queue idle/);
      await screenshot(page, 'queue-done', 'light');
      await screenshot(page, 'queue-done', 'dark');
      // The details panel lists the produced output.
      await shell.open('Library');
      await library.tile(names[0] as string).click();
      await library.details.locator('.outputs__recipe', { hasText: 'PNG' }).first().waitFor();
      // The palette job filled the palette: swatches show, and a click copies the hex.
      const swatch = library.details.getByRole('button', { name: /^Copy .*#[0-9a-f]{6}\b/ }).first();
      await swatch.waitFor();
      const hex = ((await swatch.locator('.swatch__hex').textContent()) ?? '').trim();
      expect(hex).toMatch(/^#[0-9a-f]{6}$/);
      // Each swatch shows RGB, the press profile's CMYK and the share of the logo it covers.
      expect(await swatch.textContent()).toMatch(/RGB \d+ \d+ \d+C\d+ M\d+ Y\d+ K\d+.*\d+% of the logo/);
      await swatch.click();
      await library.toast(`Copied ${hex}`).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(hex);
      await screenshot(page, 'library-details', 'light');
      await screenshot(page, 'library-details', 'dark');
      // Colour search from the palette: the logo itself matches its own main colour.
      await library.details.getByRole('button', { name: 'Find logos with similar colours' }).click();
      await expect.poll(() => library.tileNames()).toContain(names[0]);
      expect(await page.getByRole('textbox', { name: 'Brand colour (hex)' }).inputValue()).toBe(hex);
      await page.getByRole('button', { name: 'Clear colour filter' }).click();
      await expect.poll(() => library.tiles().count()).toBe(3);
      // Clear finished empties the queue.
      await shell.open('Queue');
      await page.getByRole('button', { name: 'Clear finished' }).click();
      await page.getByText('The queue is empty').waitFor();
      expect(pageErrors).toEqual([]);
    });
  });

  it('shows the spot inks a PDF will get before it runs, with merges and paper', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const flag = join(files, 'za.svg');
      await writeFile(flag, await readFile('node_modules/flag-icons/flags/4x3/za.svg'));
      await library.importFiles([flag]);
      await library.waitForTiles(1);
      await library.tile('za').click();
      await page.keyboard.press('Control+e');
      const exporter = new ExportPage(page);
      await exporter.recipe(/^Vector PDF/).check();
      await page.getByRole('combobox', { name: /^Colour/ }).selectOption('spot');
      await page.getByRole('button', { name: 'Show inks' }).click();
      const inks = page.getByRole('list', { name: 'Inks of za' });
      await inks.waitFor();
      expect(await inks.getByRole('listitem').count()).toBe(5);
      // Ink names are edited in place: they are the values of their name fields.
      const names = await inks
        .getByRole('textbox')
        .evaluateAll((fields) => fields.map((f) => (f as HTMLInputElement).value));
      expect(names).toContain('Black');
      await page.getByText('Paper, not printed: #ffffff').waitFor();
      await screenshot(page, 'export-inks', 'light');
      await screenshot(page, 'export-inks', 'dark');
      expect(pageErrors).toEqual([]);
    });
  });

  it('cancels a queued job and retries it to done', async () => {
    await withUi(browser, async ({ page, files }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 4, 0, 240);
      await library.importFiles(corpus.files);
      await library.waitForTiles(4);
      await library.selectAll(4);
      await page.keyboard.press('Control+e');
      const exporter = new ExportPage(page);
      await exporter.recipe(/^PNG/).uncheck();
      // Film positives at 1200 dpi keep the workers busy long enough to cancel the last job.
      await exporter.recipe(/Colour separations/).check();
      await exporter.queueRecipes();
      await library.toast('Queued 4 jobs').waitFor();
      await new ShellPage(page).open('Queue');
      const queue = new QueuePage(page);
      const queued = queue.jobsInState('queued').last();
      await queued.getByRole('button', { name: 'Cancel' }).click();
      const cancelled = queue.jobsInState('cancelled');
      await cancelled.first().waitFor();
      await cancelled.first().getByRole('button', { name: 'Retry' }).click();
      await expect.poll(() => queue.jobsInState('done').count(), { timeout: 120_000 }).toBe(4);
    });
  });

  it('previews the folder tree and exports the selection to a folder, then as a zip', async () => {
    await withUi(browser, async ({ page, files }) => {
      const library = new LibraryPage(page);
      const corpus = await logoFiles(files, 2, 0, 220);
      await library.importFiles(corpus.files);
      await library.waitForTiles(2);
      const names = await library.tileNames();
      await library.tile(names[0] as string).click();
      await library.tile(names[1] as string).click({ modifiers: ['Control'] });
      await page.keyboard.press('Control+e');
      const exporter = new ExportPage(page);
      await exporter.recipe(/Favicon pack/).uncheck();
      await exporter.recipe(/^PNG/).check();
      const destination = join(files, 'Brand kit');
      await exporter.destination.fill(destination);
      await exporter.template.fill('{name}/{file');
      await page
        .getByText('unbalanced { or }')
        .or(page.getByText(/needs \{file\}/))
        .first()
        .waitFor();
      await exporter.template.fill('{name}/{recipe}/{file}');
      await exporter.preview();
      await exporter.plan.waitFor({ timeout: 60_000 });
      for (const name of names) await exporter.plan.getByText(`${name}/`).first().waitFor();
      await screenshot(page, 'export-preview', 'light');
      await screenshot(page, 'export-preview', 'dark');
      await exporter.run();
      await exporter.summary.waitFor({ timeout: 60_000 });
      const written = await listFiles(destination);
      const pngs = written.filter((path) => path.endsWith('.png'));
      expect(pngs.length).toBe(2);
      for (const name of names) expect(pngs.some((path) => path.startsWith(`${name}/`))).toBe(true);
      expect(await exporter.summary.textContent()).toMatch(/Wrote \d+ files?/);

      await exporter.zip.check();
      await exporter.run();
      await expect
        .poll(async () => (await listFiles(destination)).filter((path) => path.endsWith('.zip')).length, {
          timeout: 60_000,
        })
        .toBe(1);
      const zip = (await listFiles(destination)).find((path) => path.endsWith('.zip')) as string;
      expect((await stat(join(destination, zip))).size).toBeGreaterThan(100);

      // Browser mode: the same batch as a zip download, received by the browser.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download zip' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.zip$/);
      const bytes = await readFile(await download.path());
      // A zip starts with PK\x03\x04 and lists both logos' folders.
      expect(bytes.subarray(0, 4).toString('hex')).toBe('504b0304');
      for (const name of names) expect(bytes.includes(Buffer.from(`${name}/`))).toBe(true);
    });
  });
});
