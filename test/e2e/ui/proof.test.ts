/**
 * The proof sheet in Chromium against a real `marque serve`: opened from the tile's menu, it
 * shows the master beside each output with the scores library.proof gives, makes the missing
 * outputs through the jobs contract and shows them as they finish, marks a poor output "Check",
 * and opens from the details panel and, for the whole selection ("Proof: 2 logos"), the Export screen.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProofSheet } from '../../../src/shared/proof.ts';
import { launchChromium } from '../fixtures/browser.ts';
import { callApi as call, type ServedApp } from '../fixtures/serve.ts';
import { seriousViolations } from '../pages/axe.ts';
import { screenshot, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';

/** A red badge with a white bar: its trace with huge speckle removal fills the bar in (a poor output). */
const BADGE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><circle cx="150" cy="150" r="120" fill="#e63946"/>' +
  '<rect x="60" y="135" width="180" height="30" fill="#fff"/></svg>';

async function axeClean(page: Page): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page, 'dialog.proof')).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('proof sheet (Chromium, real server)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every output beside its master with the API scores, makes missing ones and flags a poor one', async () => {
    await withUi(browser, async ({ app, page, files, pageErrors }) => {
      const library = new LibraryPage(page);
      const master = join(files, 'badge.svg');
      await writeFile(master, BADGE);
      const square = join(files, 'square.svg');
      await writeFile(
        square,
        '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#0b3d91"/></svg>',
      );
      await library.importFiles([master, square]);
      await library.waitForTiles(2);
      const logos = (await call<{ items: { id: string; name: string }[] }>(app, 'library.list', {})).items;
      const id = (logos.find((logo) => logo.name === 'badge') as { id: string }).id;

      // A deliberately poor trace, made before the proof is opened.
      const { jobs } = await call<{ jobs: { id: string }[] }>(app, 'jobs.enqueue', {
        logoIds: [id],
        recipe: 'trace',
        options: { turdsize: 10000, size: 256 },
        priority: 'interactive',
      });
      const traceJob = (jobs[0] as { id: string }).id;
      await expect
        .poll(async () => (await call<{ state: string }>(app, 'jobs.get', { id: traceJob })).state, { timeout: 60_000 })
        .toBe('done');

      // From the tile's context menu.
      await library.tile('badge').click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Proof…' }).click();
      const proof = page.getByRole('dialog', { name: 'Proof: badge' });
      await proof.waitFor();
      const status = proof.getByRole('status');
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('3 outputs not made yet or out of date.');
      expect(await proof.locator('.proof__missing').textContent()).toContain('Background removal');

      // The rest is made from the dialog and appears as it finishes.
      await proof.getByRole('button', { name: 'Make missing outputs' }).click();
      await expect.poll(() => status.textContent(), { timeout: 180_000 }).toBe('Every output is on the sheet.');
      await expect.poll(() => proof.locator('.proof__missing').count()).toBe(0);

      // What the dialog shows is what library.proof says, item by item.
      const sheet = await call<ProofSheet>(app, 'library.proof', { ids: [id] });
      const items = sheet.logos[0]?.items ?? [];
      expect(items.map((item) => item.recipe)).toEqual(
        expect.arrayContaining(['trace', 'trace-color', 'remove-bg', 'package']),
      );
      const shown = proof.locator('.proof__item:not(.proof__item--master)');
      await expect.poll(() => shown.count()).toBe(items.length);
      for (const [index, item] of items.entries()) {
        const figure = shown.nth(index);
        expect(await figure.locator('.proof__label').textContent()).toBe(item.label);
        expect(await figure.locator('.proof__score').textContent()).toBe(item.score ?? 'No score');
        expect(await figure.locator('.proof__check').count()).toBe(item.belowThreshold ? 1 : 0);
      }
      // The poor trace is flagged, with its warning; the colour trace is not.
      const trace = items.find((item) => item.recipe === 'trace');
      expect(trace?.belowThreshold).toBe(true);
      expect(trace?.jobId).toBe(traceJob);
      const traceFigure = proof.locator('.proof__item[data-recipe="trace"]');
      expect(await traceFigure.locator('.proof__check').textContent()).toBe('Check: below its threshold');
      expect(await traceFigure.locator('.proof__warnings').textContent()).toMatch(/does not match the master/);
      expect(items.find((item) => item.recipe === 'trace-color')?.belowThreshold).toBe(false);

      // Every picture loads: the master render and each output through the media URLs.
      const images = proof.locator('img');
      expect(await images.count()).toBe(items.length + 1);
      expect(await proof.getByRole('img', { name: 'Master of badge' }).isVisible()).toBe(true);
      const widths = await images.evaluateAll((nodes) =>
        Promise.all(
          nodes.map(async (node) => {
            const img = node as HTMLImageElement;
            await img.decode();
            return img.naturalWidth;
          }),
        ),
      );
      for (const width of widths) expect(width).toBeGreaterThan(0);

      await axeClean(page);
      await screenshot(page, 'proof-sheet', 'light');
      await screenshot(page, 'proof-sheet', 'dark');
      await page.keyboard.press('Escape');
      await expect.poll(() => proof.count()).toBe(0);

      // From the details panel, and from the Export screen before running.
      await library.tile('badge').click();
      await library.details.getByRole('button', { name: 'Proof…' }).click();
      await proof.waitFor();
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Every output is on the sheet.');
      await proof.getByRole('button', { name: 'Close', exact: true }).last().click();
      await expect.poll(() => proof.count()).toBe(0);
      // The Export screen's button proofs the whole selection.
      await library.selectAll(2);
      await page.keyboard.press('Control+e');
      await page.getByRole('button', { name: 'Proof selection…' }).click();
      const both = page.getByRole('dialog', { name: 'Proof: 2 logos' });
      await both.waitFor();
      await expect.poll(() => both.getByRole('heading', { level: 3 }).count(), { timeout: 30_000 }).toBe(2);
      const badge = both.getByRole('region', { name: /^badge/ });
      await expect.poll(() => badge.locator('.proof__item:not(.proof__item--master)').count()).toBe(items.length);
      expect(
        await both
          .getByRole('region', { name: /^square/ })
          .locator('.proof__missing')
          .count(),
      ).toBe(1);
      expect(await seriousViolations(page, 'dialog.proof')).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  }, 300_000);
});
