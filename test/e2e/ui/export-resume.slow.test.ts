import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/main/core/studio.ts';
import { startLineChild } from '../../helpers/child-process.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { listFiles } from '../../helpers/data-audit.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { launchChromium } from '../fixtures/browser.ts';
import { SCREENSHOTS, withUi } from '../pages/harness.ts';
import { LibraryPage } from '../pages/library-page.ts';
import { ExportPage } from '../pages/screens.ts';

const CHILD = fileURLToPath(new URL('../../unit/hardening/fixtures/export-child.ts', import.meta.url));
/** What the Export screen asks for by default: the PNG recipe with its default options. */
const PNG = { recipe: 'normalize', options: { size: 1024, trim: false } };

describe('the Export screen offers to resume an interrupted export into the chosen folder', () => {
  let browser: Browser;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = await tempDir('marque-e2e-resume-');
  });
  afterAll(async () => {
    await browser?.close();
    await dir?.cleanup();
  });

  it('shows the notice with a Resume button; resuming writes the missing files and one manifest', async () => {
    const dataDir = join(dir.path, 'data');
    const corpus = await writeCorpus(join(dir.path, 'corpus'), { svgs: 24, offset: 200 });
    const studio = await createStudio({ dataDir, intakeProcesses: 1 });
    const report = await studio.library.importPaths(corpus.svgs);
    const logoIds = report.outcomes.flatMap((o) => (o.status === 'imported' ? [o.logo.id] : []));
    // Produce the PNGs once, so the killed export spends its time writing.
    await studio.exporter.preview({
      logoIds,
      recipes: [PNG],
      destination: join(dir.path, 'unused'),
      template: '{name}/{recipe}/{file}',
      conflict: 'rename',
      zip: false,
    });
    await studio.close();

    // An export killed after its first files and before its manifest (retried if it beat the kill).
    let destination = '';
    let published: string[] = [];
    for (let attempt = 1; attempt <= 6 && published.length === 0; attempt++) {
      destination = join(dir.path, `Brand kit ${attempt}`);
      const run = startLineChild(CHILD, [dataDir, JSON.stringify({ logoIds, recipes: [PNG], destination })]);
      await run.until((lines) => lines.some((l) => l.phase === 'writing'), 90_000);
      await run.kill();
      const pngs = (await listFiles(destination).catch(() => [] as string[])).filter((f) => f.endsWith('.png'));
      if (!run.lines.some((l) => l.finished) && !existsSync(join(destination, 'manifest.json'))) published = pngs;
    }
    expect(published.length, 'no kill landed mid-export in 6 attempts').toBeGreaterThan(0);
    expect(published.length).toBeLessThan(logoIds.length);

    await withUi(
      browser,
      async ({ page, pageErrors }) => {
        const library = new LibraryPage(page);
        // Thumbnails below the fold load lazily: wait for the tiles, not for every image.
        await library.tiles().first().waitFor();
        await library.grid.focus();
        await page.keyboard.press('Control+a');
        await page.keyboard.press('Control+e');
        await page.getByRole('heading', { name: `${logoIds.length} logos selected` }).waitFor();
        const exporter = new ExportPage(page);
        await exporter.destination.fill(destination);
        const resume = page.getByRole('button', { name: 'Resume the interrupted export' });
        await resume.waitFor();
        await expect
          .poll(() => page.getByRole('status').filter({ hasText: 'interrupted' }).textContent())
          .toMatch(new RegExp(`An export of ${logoIds.length} files into this folder was interrupted`));
        // The whole screen (the hidden Library keeps lazy thumbnails of 24 logos that never load off-screen).
        await mkdir(SCREENSHOTS, { recursive: true });
        await resume.scrollIntoViewIfNeeded();
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.screenshot({ path: join(SCREENSHOTS, `export-resume-${scheme}.png`) });
        }
        await resume.click();
        await exporter.summary.waitFor({ timeout: 60_000 });
        expect(await exporter.summary.textContent()).toContain(
          `Finished the interrupted export: ${published.length} file${published.length === 1 ? '' : 's'} were already there`,
        );
        // The notice is gone once the export is finished.
        await resume.waitFor({ state: 'detached' });
        expect(pageErrors).toEqual([]);
      },
      { dataDir },
    );

    const files = await listFiles(destination);
    expect(files.filter((f) => / \(\d+\)/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(logoIds.length);
    const manifest = JSON.parse(await readFile(join(destination, 'manifest.json'), 'utf8')) as {
      files: { path: string }[];
    };
    expect(manifest.files.map((f) => f.path).sort()).toEqual(files.filter((f) => f !== 'manifest.json').sort());
  }, 240_000);
});
