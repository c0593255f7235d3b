import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron as electron, type Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/node24.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/**
 * The desktop app, end to end, in one of two forms:
 * - MARQUE_ELECTRON_APP=<path to a packaged executable> (what the release workflow sets after
 *   electron-builder): the installer's own app, with its asar, fuses and native modules.
 * - otherwise the development build (out/main) on the `electron` package's binary, if installed.
 */
interface Launch {
  readonly what: string;
  readonly executablePath: string;
  readonly args: readonly string[];
}

/**
 * Path of the Electron binary if the `electron` package has one; null otherwise. Read from the
 * package's path.txt and dist/ by hand: requiring `electron` starts a download when the binary is
 * missing, and tests never download anything.
 */
function electronBinary(): string | null {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const override = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(override) ? override : null;
  }
  try {
    const root = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(root, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(root, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function launchTarget(): Launch | null {
  const packaged = process.env.MARQUE_ELECTRON_APP;
  if (packaged) {
    // Asked for explicitly: a wrong path is a failure, never a skip.
    if (!existsSync(packaged)) throw new Error(`MARQUE_ELECTRON_APP=${packaged}: no such file`);
    return { what: `packaged app ${packaged}`, executablePath: packaged, args: [] };
  }
  const binary = electronBinary();
  return binary
    ? { what: 'development build', executablePath: binary, args: [join(REPO_ROOT, 'out/main/index.js')] }
    : null;
}

const target = launchTarget();
if (!target) {
  console.warn(
    '[electron smoke] SKIPPED: no Electron binary is installed (its download host is unreachable from this machine, ' +
      'so the electron package was installed without its postinstall). Run `node node_modules/electron/install.js` ' +
      'where the host is reachable and this test runs the real app, or set MARQUE_ELECTRON_APP to a packaged executable.',
  );
}

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** One contract call through the preload bridge, as the renderer makes it. */
function invoke<T>(window: Page, method: string, input: unknown): Promise<Reply<T>> {
  return window.evaluate(
    ([m, i]) =>
      (window as unknown as { marque: { invoke(m: string, i: unknown): Promise<unknown> } }).marque.invoke(m, i),
    [method, input] as const,
  ) as Promise<Reply<T>>;
}

describe.skipIf(!target)('Electron app smoke test (runs where an Electron binary or a packaged app exists)', () => {
  it('opens the Library window with the strict preferences, imports a logo and runs a recipe', async () => {
    const data = await tempDir('marque-electron-');
    const app = await electron.launch({
      executablePath: (target as Launch).executablePath,
      args: [...(target as Launch).args],
      env: { ...process.env, MARQUE_DATA_DIR: join(data.path, 'library') },
    });
    try {
      const window = await app.firstWindow();
      await window.waitForLoadState('domcontentloaded');
      expect(await window.evaluate(() => typeof (window as unknown as { marque?: unknown }).marque)).toBe('object');
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await invoke(window, 'app.info', {}), (target as Launch).what).toMatchObject({
        ok: true,
        value: { name: 'Marque', mode: 'desktop' },
      });

      // The native parts a packaged app can lose: the intake process (utilityProcess + sharp),
      // SQLite, and the worker pool running a recipe.
      const file = join(data.path, 'smoke-mark.png');
      await writeFile(
        file,
        await sharp({ create: { width: 120, height: 80, channels: 4, background: '#e63946' } })
          .png()
          .toBuffer(),
      );
      const report = await invoke<{ imported: number; outcomes: { status: string; logo?: { id: string } }[] }>(
        window,
        'library.import',
        { paths: [file] },
      );
      expect(report).toMatchObject({ ok: true, value: { imported: 1 } });
      const logoId = report.ok ? (report.value.outcomes[0]?.logo?.id as string) : '';
      const queued = await invoke<{ jobs: { id: string }[] }>(window, 'jobs.enqueue', {
        logoIds: [logoId],
        recipe: 'palette',
        priority: 'interactive',
      });
      expect(queued.ok).toBe(true);
      const jobId = queued.ok ? (queued.value.jobs[0]?.id as string) : '';
      await expect
        .poll(
          async () => {
            const job = await invoke<{ state: string }>(window, 'jobs.get', { id: jobId });
            return job.ok ? job.value.state : job.error.code;
          },
          { timeout: 60_000 },
        )
        .toBe('done');
    } finally {
      await app.close();
      await data.cleanup();
    }
  });

  it('imports a file it was launched with, shows the report, and logs to the data folder', async () => {
    const data = await tempDir('marque-electron-');
    const library = join(data.path, 'library');
    const logo = join(data.path, 'ring.svg');
    await writeFile(
      logo,
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="15" fill="#e63946"/></svg>',
    );
    try {
      // As Windows and Linux pass an "Open with" file: after the app's own arguments.
      const app = await electron.launch({
        executablePath: (target as Launch).executablePath,
        args: [...(target as Launch).args, logo],
        env: { ...process.env, MARQUE_DATA_DIR: library },
      });
      try {
        const window = await app.firstWindow();
        await window
          .getByRole('region', { name: 'Notifications' })
          .getByText('Opened 1 file with Marque: Imported 1 logo')
          .waitFor({ timeout: 60_000 });
      } finally {
        await app.close();
      }
      const log = await readFile(join(library, 'logs', 'marque.log'), 'utf8');
      expect(log).toContain('"msg":"files opened with Marque"');
      expect(log).toContain('"msg":"library closed"');
    } finally {
      await data.cleanup();
    }
  });
});
