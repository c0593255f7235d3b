/**
 * The favicon studio in Chromium against a real `marque serve`: options go to the real favicon
 * recipe, the previews are the files it wrote (measured by natural size and pixels), the pack
 * checker's verdicts are shown, the 16 px icon can be cropped or uploaded, and "Use in Export"
 * writes a pack with the chosen options to disk.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../fixtures/browser.ts';
import { seriousViolations } from '../pages/axe.ts';
import { screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';
import { ExportPage } from '../pages/screens.ts';

/** A wide wordmark: a square symbol on the left, a long bar for the word. */
const WORDMARK =
  '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="120"><rect width="120" height="120" fill="#0b3d91"/>' +
  '<rect x="150" y="30" width="440" height="60" fill="#0b3d91"/></svg>';

/** An image's natural size and the RGBA of one of its pixels, read in the page. */
function measure(image: Locator, x = 0, y = 0) {
  return image.evaluate(
    async (node, [px, py]) => {
      const img = node as HTMLImageElement;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d');
      context?.drawImage(img, 0, 0);
      const pixel = [...(context?.getImageData(px as number, py as number, 1, 1).data ?? [])];
      return { width: img.naturalWidth, height: img.naturalHeight, pixel };
    },
    [x, y],
  );
}

/** The centre pixel of an image drawn at 64 px (an SVG has no natural size of its own). */
function centrePixel(image: Locator) {
  return image.evaluate(async (node) => {
    const img = node as HTMLImageElement;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 64;
    const context = canvas.getContext('2d');
    context?.drawImage(img, 0, 0, 64, 64);
    return [...(context?.getImageData(32, 32, 1, 1).data ?? [])];
  });
}

async function axeClean(page: Page): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page, 'dialog.fs')).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('favicon studio (Chromium, real server)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('previews the real pack, checks it, takes hand-made icons and carries the options into Export', async () => {
    await withUi(browser, async ({ page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const master = join(files, 'studio-nord-logo-final.svg');
      await writeFile(master, WORDMARK);
      await library.importFiles([master]);
      await library.waitForTiles(1);

      // From the tile's context menu.
      await library.tile('studio-nord-logo-final').click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Favicon studio…' }).click();
      const studio = page.getByRole('dialog', { name: 'Favicon studio: studio-nord-logo-final' });
      await studio.waitFor();
      const verdict = studio.getByTestId('pack-verdict');
      await expect.poll(() => verdict.textContent(), { timeout: 60_000 }).toMatch(/^all \d+ checks passed$/);
      // The short name breaks at a word, not mid-word ("studio-nord-").
      const ios = studio.getByRole('figure').filter({ hasText: 'iOS home screen' });
      expect(await ios.locator('.fs-home__label').textContent()).toBe('studio-nord');
      expect(await studio.getByRole('textbox', { name: 'Short name' }).getAttribute('placeholder')).toBe('studio-nord');

      // The previews are the recipe's files at their real sizes.
      const tab = studio.getByRole('img', { name: '16 px tab icon, dark theme' });
      expect(await measure(tab)).toMatchObject({ width: 16, height: 16 });
      expect(await measure(studio.getByRole('img', { name: 'favicon.ico 32 px frame' }))).toMatchObject({
        width: 32,
        height: 32,
      });
      expect(await measure(studio.getByRole('img', { name: /^Maskable icon cropped to a circle/ }))).toMatchObject({
        width: 512,
        height: 512,
      });
      // A navy mark vanishes on a dark tab: favicon.svg's dark rule lightens it there, not in light tabs.
      const lightSvg = await centrePixel(studio.getByRole('img', { name: 'favicon.svg in a light tab' }));
      const darkSvg = await centrePixel(studio.getByRole('img', { name: 'favicon.svg in a dark tab' }));
      expect(lightSvg).toEqual([11, 61, 145, 255]);
      expect((darkSvg[0] ?? 0) + (darkSvg[1] ?? 0) + (darkSvg[2] ?? 0)).toBeGreaterThan(3 * 128);
      await studio.getByRole('radio', { name: 'Squircle' }).check();
      await studio.getByRole('img', { name: /^Maskable icon cropped to a squircle/ }).waitFor();

      // Options reach the recipe: a red background fills the opaque apple-touch-icon's corner.
      const apple = studio.getByRole('img', { name: 'apple-touch-icon.png on an iOS home screen' });
      const firstApple = await apple.getAttribute('src');
      await studio.getByRole('textbox', { name: 'Short name' }).fill('Nord');
      await studio.getByLabel('Background colour', { exact: true }).fill('#ff0000');
      await expect.poll(() => ios.locator('.fs-home__label').textContent(), { timeout: 60_000 }).toBe('Nord');
      await expect
        .poll(async () => (await apple.getAttribute('src')) !== firstApple && (await measure(apple)).pixel, {
          timeout: 60_000,
        })
        .toEqual([255, 0, 0, 255]);
      expect((await measure(apple)).width).toBe(180);
      // The path prefix reaches the snippet and the manifest, and the checker follows it.
      await studio.getByRole('textbox', { name: 'Path prefix' }).fill('/static/icons/');
      await studio.getByText("HTML for the page's <head>").click();
      await expect
        .poll(() => studio.locator('.fs-snippet pre').textContent(), { timeout: 60_000 })
        .toContain('href="/static/icons/favicon.ico"');
      await expect.poll(() => verdict.textContent(), { timeout: 60_000 }).toMatch(/^all \d+ checks passed$/);
      await axeClean(page);
      await screenshot(page, 'favicon-studio', 'light');
      await screenshot(page, 'favicon-studio', 'dark');
      await page.setViewportSize({ width: 1024, height: 640 });
      await screenshot(page, 'favicon-studio-1024x640', 'light');
      await page.setViewportSize({ width: 1280, height: 800 });

      // A wrong-sized hand-made icon is refused with the reason; a right one is the tab's 16 px frame.
      const wrong = join(files, 'wrong.png');
      await sharp({ create: { width: 20, height: 20, channels: 4, background: '#00ff00' } })
        .png()
        .toFile(wrong);
      await studio.getByTestId('override-16').setInputFiles(wrong);
      await studio
        .getByRole('alert')
        .getByText(/expected 16x16/)
        .waitFor({ timeout: 60_000 });
      const green = join(files, 'green-16.png');
      await sharp({ create: { width: 16, height: 16, channels: 4, background: '#00ff00' } })
        .png()
        .toFile(green);
      await studio.getByTestId('override-16').setInputFiles(green);
      await expect
        .poll(
          async () => (await measure(studio.getByRole('img', { name: '16 px tab icon, light theme' }), 8, 8)).pixel,
          {
            timeout: 60_000,
          },
        )
        .toEqual([0, 255, 0, 255]);
      await expect.poll(() => verdict.textContent(), { timeout: 60_000 }).toMatch(/^all \d+ checks passed$/);

      // The symbol crop: a pointer drags the square along the wordmark; the keyboard brings it back
      // over the symbol, shrinks it, and it becomes the 16 and 32 px icons.
      const square = studio.getByRole('button', { name: /^Crop square/ });
      await square.scrollIntoViewIfNeeded();
      const box = await square.boundingBox();
      if (!box) throw new Error('the crop square is not shown');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
      await page.mouse.up();
      expect(((await square.boundingBox())?.x ?? 0) - box.x).toBeGreaterThan(30);
      await square.focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowLeft');
      expect((await square.boundingBox())?.x).toBeCloseTo(box.x, 0);
      await page.keyboard.press('-');
      await studio.getByRole('button', { name: 'Use crop for 16 and 32 px' }).click();
      await studio.getByRole('img', { name: 'Hand-made 32 px icon' }).waitFor();
      // The cropped symbol is solid navy in the middle of the 32 px frame ICO the recipe wrote.
      await expect
        .poll(async () => (await measure(studio.getByRole('img', { name: 'favicon.ico 32 px frame' }), 16, 16)).pixel, {
          timeout: 60_000,
        })
        .toEqual([11, 61, 145, 255]);

      // Use in Export: the export writes a pack with the studio's options.
      await studio.getByRole('button', { name: 'Use in Export' }).click();
      await studio.waitFor({ state: 'hidden' });
      const exporter = new ExportPage(page);
      expect(await exporter.recipe(/Favicon pack/).isChecked()).toBe(true);
      await exporter.recipe(/^PNG/).uncheck();
      const destination = join(files, 'Site');
      await exporter.destination.fill(destination);
      await exporter.template.fill('{file}');
      await exporter.run();
      await exporter.summary.waitFor({ timeout: 60_000 });
      const written = await readdir(destination);
      expect(written).toEqual(expect.arrayContaining(['favicon.ico', 'apple-touch-icon.png', 'site.webmanifest']));
      const manifest = JSON.parse(await readFile(join(destination, 'site.webmanifest'), 'utf8'));
      expect(manifest).toMatchObject({ short_name: 'Nord', background_color: '#ff0000' });
      expect(manifest.icons[0].src).toMatch(/^\/static\/icons\/web-app-manifest-/);

      // The Export screen reopens the studio with the same options; Escape returns focus to the button.
      const open = page.getByRole('button', { name: 'Favicon studio…' });
      await open.click();
      await studio.waitFor();
      expect(await studio.getByRole('textbox', { name: 'Short name' }).inputValue()).toBe('Nord');
      await page.keyboard.press('Escape');
      await studio.waitFor({ state: 'hidden' });
      expect(await open.evaluate((node) => node === document.activeElement)).toBe(true);
      expect(pageErrors).toEqual([]);
    });
  });
});
