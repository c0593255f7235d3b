import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../helpers/node24.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { type ServedApp, serveMarque } from '../fixtures/serve.ts';

export const SCREENSHOTS = join(REPO_ROOT, 'test-results/screenshots');

export type Scheme = 'light' | 'dark';

export interface UiSession {
  readonly app: ServedApp;
  readonly page: Page;
  /** Files for this test (logos to import, export destinations). */
  readonly files: string;
  /** Errors the page logged: a test fails if the UI throws. */
  readonly pageErrors: string[];
}

/**
 * Runs one UI test on its own fresh data folder and its own `marque serve`, in a new page of the
 * shared browser; stops everything afterwards, whatever happened.
 */
export async function withUi(
  browser: Browser,
  run: (session: UiSession) => Promise<void>,
  options: {
    scheme?: Scheme;
    serveArgs?: readonly string[];
    dataDir?: string;
    viewport?: { width: number; height: number };
  } = {},
): Promise<void> {
  const files = await tempDir('marque-ui-files-');
  const app = await serveMarque({ dataDir: options.dataDir, extraArgs: options.serveArgs });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.scheme ?? 'light',
    acceptDownloads: true,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await page.goto(app.link);
    await page.locator('nav[aria-label="Main"]').waitFor();
    // Shortcuts and mutations wait for app.info (canEdit); so do the tests.
    await page.locator('[data-app-mode]').waitFor({ state: 'attached' });
    await run({ app, page, files: files.path, pageErrors });
  } finally {
    await context.close();
    await app.stop();
    await files.cleanup();
  }
}

/** Saves a screenshot under test-results/screenshots/<name>-<scheme>.png. */
export async function screenshot(page: Page, name: string, scheme: Scheme): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}-${scheme}.png`);
  await page.emulateMedia({ colorScheme: scheme });
  // Let transitions and lazy thumbnails settle on visible state, not on time.
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  await page.screenshot({ path });
  return path;
}

/** Reads files for a synthetic drop (the bytes cross into the page as base64). */
export async function dropPayload(paths: readonly string[]): Promise<{ name: string; base64: string; type: string }[]> {
  return Promise.all(
    paths.map(async (path) => {
      const name = path.split('/').pop() ?? 'file';
      const type = name.endsWith('.svg')
        ? 'image/svg+xml'
        : name.endsWith('.png')
          ? 'image/png'
          : 'application/octet-stream';
      return { name, base64: (await readFile(path)).toString('base64'), type };
    }),
  );
}

/** Real logos with distinct names: `svgs` SVG marks, then `pngs` PNG renders of the next marks. */
export async function logoFiles(
  dir: string,
  svgs: number,
  pngs: number,
  offset: number,
): Promise<{ svgs: string[]; pngs: string[]; files: string[] }> {
  const { writeCorpus } = await import('../../helpers/corpus.ts');
  const a = await writeCorpus(dir, { svgs, offset });
  const b = await writeCorpus(dir, { pngs, offset: offset + svgs });
  return { svgs: [...a.svgs], pngs: [...b.pngs], files: [...a.svgs, ...b.pngs] };
}

/** The name the library gives an imported file: its file name without the extension. */
export function logoName(path: string): string {
  return (path.split('/').pop() ?? '').replace(/\.[a-z]+$/, '');
}
