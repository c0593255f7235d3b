import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogoArtwork } from '../../../src/shared/artwork.ts';
import { launchChromium } from '../fixtures/browser.ts';
import { screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';

describe('Background decision and its override in the details panel (Chromium, real server)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the decision with its confidence and overrides it in one click, by keyboard too', async () => {
    await withUi(browser, async ({ app, page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      // A logo on white paper, as a JPEG: the paper is decided and removed.
      const file = join(files, 'Ring on white.jpg');
      const svg =
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#fff"/>' +
        '<circle cx="200" cy="150" r="100" fill="#1d3557"/><circle cx="200" cy="150" r="40" fill="#fff"/></svg>';
      await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toFile(file);
      await library.importFiles([file]);
      await library.waitForTiles(1);
      await library.tile('Ring on white').click();
      // One click asks the pipeline to read the artwork; the decision shows once it is recorded.
      await library.details.getByText('Not read yet.').waitFor();
      await library.details.getByRole('button', { name: 'Read the background' }).click();
      await library.details.getByText(/Paper #f[0-9a-f]{5} removed \(\d+ % sure\)/).waitFor({ timeout: 60_000 });
      const choices = library.details.getByRole('group', { name: 'Background' });
      expect(await choices.getByRole('radio', { name: 'Auto' }).isChecked()).toBe(true);
      await screenshot(page, 'details-background', 'light');
      await screenshot(page, 'details-background', 'dark');

      // The radios are drawn as chips: a click lands on the chip (their label).
      await choices.getByText('Full-bleed').click();
      await library.details.getByText('No background removed: the whole canvas is art.').waitFor({ timeout: 60_000 });
      expect(await choices.getByRole('radio', { name: 'Full-bleed' }).isChecked()).toBe(true);

      // Keyboard: arrow keys move through the radio group, as in any form.
      await choices.getByRole('radio', { name: 'Full-bleed' }).focus();
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => choices.getByRole('radio', { name: 'Remove' }).isChecked()).toBe(true);

      const threshold = library.details.getByRole('spinbutton', { name: 'One-colour threshold (L*)' });
      await threshold.fill('70');
      await threshold.press('Enter');

      const list = (await (
        await fetch(new URL('/api/library.list', app.url), {
          method: 'POST',
          headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).json()) as { items: { id: string }[] };
      await expect
        .poll(async () => {
          const reply = await fetch(new URL('/api/library.artwork', app.url), {
            method: 'POST',
            headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ id: list.items[0]?.id }),
          });
          return ((await reply.json()) as LogoArtwork).settings;
        })
        .toEqual({ background: 'remove', threshold: 70 });
      expect(pageErrors).toEqual([]);
    });
  });
});
