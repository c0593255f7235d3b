/**
 * The library grid at 10,000 logos: frames per second while the virtualized grid scrolls in
 * headless Chromium (browser mode, real `marque serve`, real thumbnails), against the reference,
 * the same 10,000 tiles rendered as a plain, non-virtualized CSS grid in the same browser.
 */
import { link, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { THUMB_KIND, thumbKey } from '../src/main/core/library/library-service.ts';
import { createStudio } from '../src/main/core/studio.ts';
import { launchChromium } from '../test/e2e/fixtures/browser.ts';
import { serveMarque } from '../test/e2e/fixtures/serve.ts';
import { corpusMarks, renderMarkPng } from '../test/helpers/corpus.ts';
import { seedLogos } from '../test/helpers/library-seed.ts';
import { tempDir } from '../test/helpers/temp-dir.ts';
import { type Bench, percentile, table } from './bench.ts';

const LOGOS = 10_000;
const SCROLL_MS = 4_000;

export interface FrameStats {
  readonly fps: number;
  readonly p95: number;
  readonly slowShare: number;
  readonly frames: number;
}

/** Scrolls `selector` down at a steady, fast pace and records every animation frame's interval. */
export async function measureScroll(page: Page, selector: string): Promise<FrameStats> {
  const intervals = await page.evaluate(
    async ({ selector, duration }) => {
      const element = document.querySelector(selector) as HTMLElement;
      const out: number[] = [];
      let last = performance.now();
      const start = last;
      await new Promise<void>((resolve) => {
        const step = (now: number) => {
          out.push(now - last);
          last = now;
          // About 2,400 px per second: a designer flinging through a large library.
          element.scrollTop += 40;
          if (now - start < duration) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      return out.slice(1);
    },
    { selector, duration: SCROLL_MS },
  );
  const total = intervals.reduce((a, b) => a + b, 0);
  return {
    fps: (intervals.length / total) * 1000,
    p95: percentile(intervals, 95),
    slowShare: intervals.filter((ms) => ms > 20).length / intervals.length,
    frames: intervals.length,
  };
}

/**
 * Real thumbnails for a seeded library: 40 logos rendered once into `dir`, hard-linked under every
 * seeded logo's thumbnail key (the grid and scale benches share it).
 */
export async function linkRealThumbnails(studio: Awaited<ReturnType<typeof createStudio>>, dir: string): Promise<void> {
  const sources: string[] = [];
  for (const [i, mark] of corpusMarks().slice(0, 40).entries()) {
    const path = `${dir}/thumb-${i}.webp`;
    await sharp(await renderMarkPng(mark, 256))
      .webp()
      .toFile(path);
    sources.push(path);
  }
  const hashes = studio.db.prepare('SELECT hash FROM logos').all() as { hash: string }[];
  for (const [i, { hash }] of hashes.entries()) {
    const target = studio.cache.pathOf(THUMB_KIND, thumbKey(hash));
    await mkdir(dirname(target), { recursive: true });
    await link(sources[i % sources.length] as string, target).catch(() => {});
  }
}

export const uiGridBench: Bench = async () => {
  const data = await tempDir('marque-bench-grid-');
  // Real thumbnails: 40 logos rendered once, hard-linked under every seeded logo's thumbnail key.
  const studio = await createStudio({ dataDir: data.path });
  const logos = seedLogos(studio.db, LOGOS, 7);
  await linkRealThumbnails(studio, data.path);
  await studio.close();

  const app = await serveMarque({ dataDir: data.path });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(app.link);
    await page.waitForFunction(
      (n) => document.querySelector('.toolbar__count')?.textContent === n.toLocaleString(),
      LOGOS,
    );
    await page.locator('[role=option][data-logo-name] img').first().waitFor();
    const domTiles = await page.locator('[role=option]').count();
    // What this machine gives an idle page: the ceiling any grid can reach here.
    const idle = await measureScroll(page, 'body');
    const ours = await measureScroll(page, '.grid');
    const loaded = await page.locator('[role=option][data-logo-name]').count();

    // Reference: every tile in the DOM at once (what a grid without virtualization does).
    const reference = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await reference.goto(app.url);
    await reference.evaluate(
      ({ ids }) => {
        document.body.innerHTML = '';
        const grid = document.createElement('div');
        grid.id = 'plain';
        grid.style.cssText =
          'height:100vh;overflow:auto;display:grid;grid-template-columns:repeat(auto-fill,minmax(152px,1fr));gap:16px;padding:20px';
        for (const id of ids) {
          const tile = document.createElement('div');
          tile.innerHTML = `<div style="aspect-ratio:1;border:1px solid #ddd;border-radius:8px;display:grid;place-items:center"><img loading="lazy" src="/media/thumb/${id}" style="width:82%;height:82%;object-fit:contain"></div><div>${id}</div>`;
          grid.append(tile);
        }
        document.body.append(grid);
      },
      { ids: logos.map((logo) => logo.id) },
    );
    const plain = await measureScroll(reference, '#plain');
    const plainNodes = await reference.evaluate(() => document.querySelectorAll('#plain > div').length);

    const row = (label: string, s: FrameStats, nodes: number) => [
      label,
      nodes,
      s.frames,
      s.fps.toFixed(1),
      s.p95.toFixed(1),
      `${(s.slowShare * 100).toFixed(1)} %`,
    ];
    return {
      title: 'Library grid: scrolling 10,000 logos',
      markdown: [
        table(
          ['grid', 'tiles in DOM', 'frames', 'fps', 'p95 frame (ms)', 'frames > 20 ms'],
          [
            row('idle page (machine ceiling)', idle, 0),
            row('Marque (virtualized)', ours, domTiles),
            row('plain CSS grid (reference)', plain, plainNodes),
          ],
        ),
        '',
        `fps ratio Marque / reference: ${(ours.fps / plain.fps).toFixed(2)}×; Marque / idle ceiling: ${(ours.fps / idle.fps).toFixed(2)}. ${loaded} tiles rendered after the scroll.`,
        `Measured with requestAnimationFrame while scrolling 40 px per frame for ${SCROLL_MS / 1000} s in headless Chromium (software rendering), 1440×900, real thumbnails served by marque serve.`,
      ].join('\n'),
    };
  } finally {
    await browser.close();
    await app.stop();
    await data.cleanup();
  }
};
