import { existsSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MethodName, methodNames, methods } from '../../src/shared/contract/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { launchChromium } from './fixtures/browser.ts';
import { type ServedApp, serveMarque } from './fixtures/serve.ts';

/**
 * Every table of the library, row by row: what "nothing changed" is measured on. Not the queue's
 * heartbeats (job_runners, queue_lease) nor the cache's "last used" stamps, which the designer's own page
 * legitimately moves (written up to 3 s after a thumbnail is served).
 */
function dumpLibrary(dataDir: string): string {
  const db = new Database(join(dataDir, 'library.sqlite'), { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('job_runners', 'queue_lease') ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const select = (table: string) =>
      table === 'derived_files'
        ? 'SELECT kind, key, byte_size, source_hash, created_at FROM derived_files ORDER BY kind, key'
        : `SELECT * FROM "${table}"`;
    return JSON.stringify(tables.map((table) => [table, db.prepare(select(table)).raw().all()]));
  } finally {
    db.close();
  }
}

/** A page on another loopback port: the attacker's. It serves an empty page and nothing else. */
async function startHostileSite(): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Free fonts</title><p>Nothing to see here.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/** A request as Chromium sent it (CDP `Fetch.requestPaused`). */
interface SentRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly postDataEntries?: { bytes?: string }[];
}

/** Sends a captured browser request again from Node, headers and body as they were; returns the status. */
function replay(sent: SentRequest): Promise<number> {
  const body = Buffer.concat((sent.postDataEntries ?? []).map((entry) => Buffer.from(entry.bytes ?? '', 'base64')));
  return new Promise((resolve, reject) => {
    const call = request(sent.url, { method: sent.method, headers: sent.headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    call.on('error', reject);
    call.end(body);
  });
}

/** The ways a page can send a POST without a CORS preflight, plus one that needs one. */
const FETCH_VARIANTS = ['text', 'json-header', 'urlencoded', 'multipart', 'json-blob', 'beacon'] as const;
const FORM_VARIANTS = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'] as const;

describe('cross-site requests from a hostile page on another loopback port (Chromium)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: ServedApp;
  let hostile: { url: string; server: Server };
  let files: Awaited<ReturnType<typeof tempDir>>;
  let logoId: string;

  const api = async (method: string, body: unknown) => {
    const response = await fetch(`${app.url}api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status, method).toBe(200);
    return response.json() as Promise<Record<string, unknown>>;
  };

  beforeAll(async () => {
    files = await tempDir();
    app = await serveMarque();
    hostile = await startHostileSite();
    browser = await launchChromium();
    const logo = join(files.path, 'Harbor.png');
    await sharp({ create: { width: 120, height: 80, channels: 4, background: '#2a9d8f' } })
      .png()
      .toFile(logo);
    const report = (await api('library.import', { paths: [logo] })) as { outcomes: { logo: { id: string } }[] };
    logoId = report.outcomes[0]?.logo.id as string;
    expect(logoId).toBeTruthy();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => hostile?.server.close(resolve));
    await app?.stop();
    await files?.cleanup();
  });

  it('lets no mutating method through (no-cors fetch, text/plain, forms, beacons): the library is unchanged', async () => {
    // Mutating routes, derived from the contract (never listed by hand), plus the upload route.
    const writes = methodNames.filter((name) => methods[name].access === 'write');
    expect(writes.length).toBeGreaterThan(25);
    const exportsDir = join(files.path, 'stolen-exports');
    // Inputs that would succeed if a request got through, so a hole shows in the data.
    const inputs: Partial<Record<MethodName, unknown>> = {
      'library.import': { paths: [join(files.path, 'Harbor.png')] },
      'library.update': { id: logoId, name: 'Pwned' },
      'library.tag': { ids: [logoId], tags: ['pwned'] },
      'library.delete': { ids: [logoId] },
      'collections.create': { name: 'Pwned' },
      'storage.setCap': { bytes: 1024 ** 2 },
      'jobs.enqueue': { logoIds: [logoId], recipe: 'palette' },
      'jobs.setWorkers': { workers: 1 },
      'exports.run': { logoIds: [logoId], recipes: [{ recipe: 'thumbnail-png' }], destination: exportsDir },
    };
    const routes = [
      ...writes.map((name) => ({ path: `api/${name}`, body: JSON.stringify(inputs[name] ?? {}) })),
      { path: 'api/library.upload?name=pwned.png', body: 'not really a png' },
    ];

    context = await browser.newContext();
    const page = await context.newPage();
    // The designer opened Marque (its thumbnail loaded): the browser holds a valid session cookie.
    await page.goto(app.link);
    const thumb = page.locator('[role=option][data-logo-name="Harbor"] img').first();
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect((await context.cookies(app.url)).map((c) => c.name)).toContain('marque_token');

    // Every request of the attack as the browser sent it (headers, cookie, body) and what came back,
    // from the network layer (CDP Fetch at the response stage). A no-cors reply is blocked by our
    // Cross-Origin-Resource-Policy before anyone sees its status, so those are replayed byte for
    // byte below; form posts are navigations and show their status here.
    const cdp = await context.newCDPSession(page);
    const answered: { status: number | null; request: SentRequest }[] = [];
    cdp.on('Fetch.requestPaused', (event) => {
      answered.push({ status: event.responseStatusCode ?? null, request: event.request });
      void cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => {});
    });
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `${app.url}api/*`, requestStage: 'Response' }] });
    // Then went on to another page: the attacker's, on another port of the same machine.
    await page.goto(hostile.url);
    const before = dumpLibrary(app.dataDir);
    await page.evaluate(
      async ({ base, routes, fetchVariants, formVariants }) => {
        const sends: Promise<unknown>[] = [];
        for (const { path, body } of routes) {
          const at = (variant: string) => `${base}${path}${path.includes('?') ? '&' : '?'}via=${variant}`;
          for (const variant of fetchVariants) {
            const url = at(variant);
            const init: RequestInit = { method: 'POST', mode: 'no-cors', credentials: 'include' };
            if (variant === 'text') init.body = body;
            if (variant === 'json-header') {
              // A no-cors request cannot carry this header: the browser drops it (text/plain is sent).
              init.headers = { 'Content-Type': 'application/json' };
              init.body = body;
            }
            if (variant === 'urlencoded') init.body = new URLSearchParams({ [body]: '' });
            if (variant === 'multipart') {
              const form = new FormData();
              form.append('json', body);
              init.body = form;
            }
            if (variant === 'json-blob') init.body = new Blob([body], { type: 'application/json' });
            if (variant === 'beacon') navigator.sendBeacon(url, body);
            else sends.push(fetch(url, init).catch(() => null));
          }
          // A CORS request with a JSON body needs a preflight, which the server never grants.
          sends.push(
            fetch(at('cors'), {
              method: 'POST',
              credentials: 'include',
              headers: { 'Content-Type': 'application/json' },
              body,
            }).catch(() => null),
          );
          for (const enctype of formVariants) {
            const frame = document.createElement('iframe');
            frame.name = `target-${Math.random().toString(36).slice(2)}`;
            document.body.append(frame);
            const form = document.createElement('form');
            form.method = 'POST';
            form.action = at(enctype.replace('/', '-'));
            form.enctype = enctype;
            form.target = frame.name;
            // text/plain forms send `name=value`: split the JSON so the body reads as the JSON itself.
            const split = Math.max(1, body.length - 2);
            const field = document.createElement('input');
            field.name = enctype === 'text/plain' ? body.slice(0, split) : 'json';
            field.value = enctype === 'text/plain' ? body.slice(split) : body;
            form.append(field);
            document.body.append(form);
            form.submit();
          }
        }
        await Promise.all(sends);
      },
      { base: app.url, routes, fetchVariants: FETCH_VARIANTS, formVariants: FORM_VARIANTS },
    );
    // Every no-cors fetch, beacon and form post reached the server and was answered, and so did the
    // preflight (OPTIONS, without cookie) of each JSON CORS request.
    const expected = routes.length * (FETCH_VARIANTS.length + FORM_VARIANTS.length + 1);
    await expect.poll(() => answered.length, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(expected);
    // One at a time: hundreds at once would meet the server's connection cap (256), not its guard.
    const statuses: string[] = [];
    for (const { status, request } of answered) statuses.push(`${status ?? (await replay(request))} ${request.url}`);
    expect(statuses.filter((line) => !line.startsWith('403 '))).toEqual([]);
    // Every one carried the designer's valid session cookie: the token alone would have let it in.
    const cookieOf = (sent: SentRequest) =>
      Object.entries(sent.headers).find(([name]) => name.toLowerCase() === 'cookie')?.[1] ?? '';
    const posts = answered.filter(({ request }) => request.method === 'POST');
    expect(posts).toHaveLength(routes.length * (FETCH_VARIANTS.length + FORM_VARIANTS.length));
    expect(posts.filter(({ request }) => !cookieOf(request).includes(app.token))).toEqual([]);
    // The preflight was refused, so the JSON request behind it was never sent.
    expect(posts.filter(({ request }) => request.url.includes('via=cors'))).toEqual([]);
    console.log(`cross-site: ${answered.length} requests from ${routes.length} routes reached the server, all 403`);

    // Measured on the data: every table row for row, no export folder, no share, no collection.
    expect(dumpLibrary(app.dataDir)).toBe(before);
    expect(existsSync(exportsDir)).toBe(false);
    expect(await api('collections.list', {})).toEqual([]);
    expect(await api('share.status', {})).toMatchObject({ running: false });
    const logo = await api('library.get', { id: logoId });
    expect(logo).toMatchObject({ name: 'Harbor', tags: [] });

    // Control: the same browser, from Marque's own page, can do what the attacker could not.
    await page.goto(app.url);
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/collections.create', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Mine' }),
      });
      return response.status;
    });
    expect(status).toBe(200);
    expect(((await api('collections.list', {})) as unknown as { name: string }[]).map((c) => c.name)).toEqual(['Mine']);
    await context.close();
  });
});
