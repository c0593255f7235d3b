/**
 * A library of 100,000 logos, end to end: rows seeded straight into SQLite (names, tags, palettes)
 * with real thumbnails hard-linked under every logo, then measured as a designer meets it: the
 * grid opening in Chromium, text and colour search in the core and over HTTP, scrolling, the
 * details panel, and the renderer's memory. Each figure sits beside its target from issue 15.
 * Opt-in (a minute or more of seeding): `npm run bench -- scale`.
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { createStudio } from '../src/main/core/studio.ts';
import { type LibraryQuery, libraryQuery } from '../src/shared/contract/library.ts';
import { launchChromium } from '../test/e2e/fixtures/browser.ts';
import { type ServedApp, serveMarque } from '../test/e2e/fixtures/serve.ts';
import { brandTitles, seeded, seedLogos } from '../test/helpers/library-seed.ts';
import { tempDir } from '../test/helpers/temp-dir.ts';
import { type Bench, percentile, table } from './bench.ts';
import { linkRealThumbnails, measureScroll } from './ui-grid.ts';

// MARQUE_BENCH_SCALE_LOGOS trims the library while working on the bench itself.
const LOGOS = Number(process.env.MARQUE_BENCH_SCALE_LOGOS ?? 100_000);
const SEARCH_RUNS = 200;
const OPEN_RUNS = 3;
const DETAIL_RUNS = 20;

/** The questions a designer types: brand-name prefixes and brand colours, a fresh one per run. */
function searchQueries(): { text: (i: number) => LibraryQuery; colour: (i: number) => LibraryQuery } {
  const random = seeded(11);
  const names = brandTitles();
  const prefixes = Array.from({ length: 64 }, () => {
    const word =
      (names[Math.floor(random() * names.length)] as string).split(/[^A-Za-z0-9]+/).find((w) => w.length >= 2) ?? 'ab';
    return word.slice(0, 2 + Math.floor(random() * 4)).toLowerCase();
  });
  const colours = Array.from(
    { length: 64 },
    () =>
      `#${Math.floor(random() * 0xffffff)
        .toString(16)
        .padStart(6, '0')}`,
  );
  return {
    text: (i) => ({ search: prefixes[i % prefixes.length] as string }),
    colour: (i) => ({ color: colours[i % colours.length] as string, colorTolerance: 10 }),
  };
}

async function timeRuns(run: (i: number) => unknown): Promise<number[]> {
  for (let i = 0; i < 20; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < SEARCH_RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await run(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

/** One contract call over HTTP: the same route and JSON the browser uses. */
async function httpList(app: ServedApp, query: LibraryQuery): Promise<void> {
  const response = await fetch(new URL('/api/library.list', app.url), {
    method: 'POST',
    // A program, not a page: no Origin, the token as a bearer (what the server's guard expects of one).
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}` },
    body: JSON.stringify(query),
  });
  if (!response.ok) throw new Error(`library.list: HTTP ${response.status}`);
  await response.arrayBuffer();
}

/** From navigation start to the first thumbnail decoded in the grid, in a fresh page. */
async function openToGrid(browser: Browser, app: ServedApp): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(app.link);
    const handle = await page.waitForFunction(
      () => {
        const img = document.querySelector('[role=option][data-logo-name] img') as HTMLImageElement | null;
        return img?.complete && img.naturalWidth > 0 ? performance.now() : false;
      },
      undefined,
      { polling: 'raf', timeout: 60_000 },
    );
    return (await handle.jsonValue()) as number;
  } finally {
    await context.close();
  }
}

/** Click a tile to its name showing in the details panel, painted (the next frame), in the page. */
async function detailsOpen(page: Page, index: number): Promise<number> {
  return page.evaluate(async (index) => {
    const tiles = [...document.querySelectorAll<HTMLElement>('[role=option][data-logo-name]')];
    const tile = tiles[index % tiles.length] as HTMLElement;
    const name = tile.dataset.logoName as string;
    const shown = () =>
      (document.querySelector('aside.details input[aria-label="Name"]') as HTMLInputElement | null)?.value === name ||
      document.querySelector('aside.details .details__name')?.textContent === name;
    const t0 = performance.now();
    tile.click();
    await new Promise<void>((resolve) => {
      if (shown()) return resolve();
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - t0;
  }, index);
}

/**
 * The renderers' memory (MB), from Chromium's own process list and /proc: PSS (shared pages split
 * among the processes that map them) of the busiest renderer, which is the library's page (the
 * others are Chromium's spare renderer and closed pages winding down), and of all of them.
 */
async function rendererMemory(browser: Browser): Promise<{ pageMb: number; allMb: number; processes: number }> {
  const session = await browser.newBrowserCDPSession();
  const info = (await session.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[];
  };
  const sizes: number[] = [];
  for (const proc of info.processInfo.filter((p) => p.type === 'renderer')) {
    const rollup = await readFile(`/proc/${proc.id}/smaps_rollup`, 'utf8').catch(() => '');
    const pss = /^Pss:\s+(\d+) kB/m.exec(rollup)?.[1];
    if (pss) sizes.push(Number(pss) / 1024);
  }
  await session.detach();
  return { pageMb: Math.max(0, ...sizes), allMb: sizes.reduce((a, b) => a + b, 0), processes: sizes.length };
}

const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

export const scaleBench: Bench = async () => {
  const data = await tempDir('marque-bench-scale-');
  const rows: (string | number)[][] = [];
  const queries = searchQueries();
  let seedSeconds = 0;
  let linkSeconds = 0;
  try {
    // Seed, link thumbnails, and measure search in the core on the same library.
    const studio = await createStudio({ dataDir: data.path });
    try {
      const t0 = Date.now();
      seedLogos(studio.db, LOGOS, 7);
      seedSeconds = (Date.now() - t0) / 1000;
      const t1 = Date.now();
      await linkRealThumbnails(studio, data.path);
      linkSeconds = (Date.now() - t1) / 1000;
      for (const [label, query] of [
        ['text search, core (p50 / p95)', queries.text],
        ['colour search, core (p50 / p95)', queries.colour],
      ] as const) {
        const times = await timeRuns((i) => studio.library.list(libraryQuery.parse(query(i))));
        const p95 = percentile(times, 95);
        rows.push([label, `${ms(percentile(times, 50))} / ${ms(p95)} ms`, 'p95 < 20 ms', verdict(p95 < 20)]);
      }
    } finally {
      await studio.close();
    }

    const app = await serveMarque({ dataDir: data.path });
    const browser = await launchChromium();
    try {
      for (const [label, query] of [
        ['text search, HTTP (p50 / p95)', queries.text],
        ['colour search, HTTP (p50 / p95)', queries.colour],
      ] as const) {
        const times = await timeRuns((i) => httpList(app, query(i)));
        const p95 = percentile(times, 95);
        rows.push([label, `${ms(percentile(times, 50))} / ${ms(p95)} ms`, 'p95 < 20 ms', verdict(p95 < 20)]);
      }

      const opens: number[] = [];
      for (let i = 0; i < OPEN_RUNS; i++) opens.push(await openToGrid(browser, app));
      const open = percentile(opens, 50);
      rows.unshift([
        `open to a usable grid (median of ${OPEN_RUNS})`,
        `${ms(open)} ms (${opens.map((t) => t.toFixed(0)).join(', ')})`,
        '< 1000 ms',
        verdict(open < 1000),
      ]);

      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(app.link);
      await page.waitForFunction(
        (n) => document.querySelector('.toolbar__count')?.textContent === n.toLocaleString(),
        LOGOS,
        { timeout: 60_000 },
      );
      await page.locator('[role=option][data-logo-name] img').first().waitFor();
      const scroll = await measureScroll(page, '.grid');
      rows.push([
        'scrolling the grid (rAF, 40 px per frame, 4 s)',
        `${scroll.fps.toFixed(1)} fps, p95 frame ${scroll.p95.toFixed(1)} ms`,
        '>= 55 fps',
        verdict(scroll.fps >= 55),
      ]);

      const details: number[] = [];
      for (let i = 0; i < DETAIL_RUNS; i++) details.push(await detailsOpen(page, i * 3 + 1));
      const d95 = percentile(details, 95);
      rows.push([
        `details panel opens (p50 / p95 of ${DETAIL_RUNS}, click to painted name)`,
        `${ms(percentile(details, 50))} / ${ms(d95)} ms`,
        '< 50 ms',
        verdict(d95 < 50),
      ]);

      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
      const memory = await rendererMemory(browser);
      rows.push([
        'renderer memory after scrolling and the panel (PSS of the page’s renderer)',
        `${memory.pageMb.toFixed(0)} MB (all ${memory.processes} renderers: ${memory.allMb.toFixed(0)} MB); JS heap ${(metric('JSHeapUsedSize') / 1048576).toFixed(0)} MB, ${metric('Nodes').toFixed(0)} DOM nodes`,
        '< 400 MB',
        verdict(memory.pageMb < 400),
      ]);
      await context.close();
    } finally {
      await browser.close();
      await app.stop();
    }
    return {
      title: `Scale: a ${LOGOS.toLocaleString('en')}-logo library`,
      markdown: [
        table(['what', 'measured', 'target', ''], rows),
        '',
        `${LOGOS.toLocaleString('en')} logo rows seeded directly in SQLite in ${seedSeconds.toFixed(1)} s (names, 1-3 tags, 1-5 palette colours each), ` +
          `real WebP thumbnails of 40 marks hard-linked under every logo in ${linkSeconds.toFixed(1)} s. Search: ${SEARCH_RUNS} runs per kind after 20 warm-up runs, ` +
          `each a page of results plus the total, through LibraryService.list (core) and POST /api/library.list against marque serve (HTTP). ` +
          `Grid and panel: headless Debian Chromium (software rendering) at 1440×900 against marque serve; opening counts from navigation start to the first ` +
          `thumbnail decoded, in a fresh browser context each time. Load average ${loadavg()[0]?.toFixed(1)} at the end (the machine was shared).`,
      ].join('\n'),
    };
  } finally {
    await data.cleanup();
  }
};
