/**
 * `npm run screenshots`: every screen of the app at 1440x900 and 1024x640, light and dark, on a
 * seeded library, saved to docs/screenshots/<screen>-<width>x<height>-<scheme>.png. Drives the
 * built renderer in Debian's Chromium against a real `marque serve`, through the e2e harness.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../helpers/node24.ts';
import { launchChromium } from './fixtures/browser.ts';
import { callApi as call, type ServedApp } from './fixtures/serve.ts';
import { logoFiles, type Scheme, withUi } from './pages/harness.ts';
import { LibraryPage } from './pages/library-page.ts';

const OUT = join(REPO_ROOT, 'docs/screenshots');
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 640 },
] as const;

/** Waits for every image on the page, then saves it. */
async function save(page: Page, screen: string, size: { width: number; height: number }, scheme: Scheme) {
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  const path = join(OUT, `${screen}-${size.width}x${size.height}-${scheme}.png`);
  await page.screenshot({ path });
  console.log(path);
}

/** A library worth looking at: SVG and PNG marks, tags, a favourite, outputs and finished jobs. */
async function seed(page: Page, app: ServedApp, files: string): Promise<void> {
  const library = new LibraryPage(page);
  const corpus = await logoFiles(files, 10, 6, 40);
  await library.importFiles(corpus.files);
  await library.waitForTiles(16);
  const { items } = await call<{ items: { id: string; name: string }[] }>(app, 'library.list', {});
  const ids = items.map((logo) => logo.id);
  await call(app, 'library.tag', { ids: ids.slice(0, 5), tags: ['client-a'] });
  await call(app, 'library.update', { id: ids[0], favorite: true });
  const { jobs } = await call<{ jobs: { id: string }[] }>(app, 'jobs.enqueue', {
    logoIds: ids.slice(0, 4),
    recipe: 'normalize',
    priority: 'interactive',
  });
  for (const job of jobs) {
    for (;;) {
      const { state } = await call<{ state: string }>(app, 'jobs.get', { id: job.id });
      if (state === 'done' || state === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await page.reload();
  await library.waitForTiles(16);
}

async function shoot(page: Page, scheme: Scheme, size: { width: number; height: number }): Promise<void> {
  const library = new LibraryPage(page);
  await page.setViewportSize(size);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Library', exact: true }).click();
  await library.waitForTiles(await library.tiles().count());
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await dismiss.click();
  // Escape clears the selection the previous size left (Home would select the first logo).
  await library.grid.focus();
  await page.keyboard.press('Escape');
  await save(page, 'library', size, scheme);

  const [first, second] = await library.tileNames();
  await library.tile(first as string).click();
  await library.details.getByRole('textbox', { name: 'Name' }).waitFor();
  await save(page, 'library-details', size, scheme);

  await library.grid.focus();
  await page.keyboard.press('Space');
  await page.getByRole('dialog', { name: first as string }).waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.quicklook__image');
    return img?.complete && img.naturalWidth > 0 && img.style.visibility !== 'hidden';
  });
  await save(page, 'quick-look', size, scheme);
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await save(page, 'shortcuts', size, scheme);
  await page.keyboard.press('Escape');

  await library.tile(second as string).click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+e');
  await page.getByRole('heading', { name: 'Export', level: 1 }).waitFor();
  await save(page, 'export', size, scheme);

  await nav.getByRole('button', { name: 'Queue' }).click();
  await page.getByRole('heading', { name: 'Queue', level: 1 }).waitFor();
  await save(page, 'queue', size, scheme);

  await nav.getByRole('button', { name: 'Share & Settings' }).click();
  await page.getByRole('heading', { name: 'Storage' }).waitFor();
  await save(page, 'settings', size, scheme);
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const browser = await launchChromium();
  try {
    for (const scheme of ['light', 'dark'] as const) {
      await withUi(
        browser,
        async ({ app, page, files }) => {
          await seed(page, app, files);
          for (const size of SIZES) await shoot(page, scheme, size);
        },
        { scheme, viewport: SIZES[0] },
      );
    }
  } finally {
    await browser.close();
  }
}

await main();
