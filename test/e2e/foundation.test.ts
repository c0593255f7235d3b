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
      await page.getByTestId('import-input').setInputFiles(logo);
      const thumb = page.locator('[role=option][data-logo-name="Harbor Mark"] img').first();
      await thumb.waitFor({ state: 'visible', timeout: 20_000 });
      await expect
        .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
      await mkdir(join(REPO_ROOT, 'test-results/screenshots'), { recursive: true });
      await page.screenshot({ path: join(REPO_ROOT, 'test-results/screenshots/foundation-library.png') });

      // A recipe's outputs show in the details panel as previews served by the output media kind.
      const api = (method: string, body: unknown) =>
        fetch(`${app.url}api/${method}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.json());
      const listed = await api('library.list', {});
      const logoId = listed.items[0].id as string;
      const { jobs } = await api('jobs.enqueue', { logoIds: [logoId], recipe: 'favicon', priority: 'interactive' });
      await expect
        .poll(async () => (await api('jobs.get', { id: jobs[0].id })).state, { timeout: 60_000 })
        .toBe('done');
      await thumb.click();
      const previews = page.locator('.outputs__preview img');
      await expect.poll(() => previews.count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await expect
        .poll(() => previews.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
          timeout: 20_000,
        })
        .toBeGreaterThan(0);
      // Its measured facts and the favicon pack's HTML, ready to copy.
      const facts = page.locator('.outputs__facts').first();
      await expect.poll(() => facts.textContent()).toContain('ICO 48, 32, 16');
      await expect.poll(() => facts.getByRole('button', { name: 'Copy HTML' }).count()).toBe(1);
      await page.locator('.outputs').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(REPO_ROOT, 'test-results/screenshots/foundation-outputs.png') });
    } finally {
      await page.close();
    }
  });
});
