import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/node24.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { launchChromium } from './fixtures/browser.ts';
import { type ServedApp, serveMarque } from './fixtures/serve.ts';

describe('foundation: marque serve + the UI in Chromium', () => {
  let browser: Browser;
  let app: ServedApp;
  let files: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    files = await tempDir();
    app = await serveMarque();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await files?.cleanup();
  });

  it('imports a logo through the UI and shows its thumbnail', async () => {
    const logo = join(files.path, 'Harbor Mark.png');
    await sharp({
      create: { width: 400, height: 240, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .composite([
        {
          input: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="240"><rect x="40" y="40" width="320" height="160" rx="40" fill="#2a9d8f"/></svg>',
          ),
        },
      ])
      .png()
      .toFile(logo);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(app.link);
      // The token was exchanged for a cookie and dropped from the address bar.
      expect(new URL(page.url()).searchParams.get('token')).toBeNull();
      await page.locator('input[type=file]').first().setInputFiles(logo);
      const thumb = page.locator('img[alt="Harbor Mark"]').first();
      await thumb.waitFor({ state: 'visible', timeout: 20_000 });
      await expect
        .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
      await mkdir(join(REPO_ROOT, 'test-results/screenshots'), { recursive: true });
      await page.screenshot({ path: join(REPO_ROOT, 'test-results/screenshots/foundation-library.png') });
    } finally {
      await page.close();
    }
  });
});
