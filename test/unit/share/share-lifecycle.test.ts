import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMarqueServer } from '../../../src/main/core/server/http-server.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { until } from '../../helpers/wait.ts';
import { rawCall } from './http-client.ts';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('share lifecycle', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio;

  beforeEach(async () => {
    dir = await tempDir();
    studio = await createStudio({ dataDir: join(dir.path, 'data') });
  });
  afterEach(async () => {
    await studio.close();
    await dir.cleanup();
  });

  it('is off by default, starts on the chosen address, remembers port and token, and stops at once', async () => {
    expect(studio.share.status()).toMatchObject({ running: false, link: null });
    const port = await freePort();
    const started = await studio.share.start({ host: '127.0.0.1', port });
    expect(started).toMatchObject({ running: true, host: '127.0.0.1', port });
    const link = started.link as string;
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=[A-Za-z0-9_-]{43}$`));
    const token = new URL(link).searchParams.get('token');
    const ok = await rawCall(link, '/api/library.list', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(ok.status).toBe(200);

    // An open event stream is cut when the share stops.
    const events = rawCall(link, '/api/events', { headers: { Authorization: `Bearer ${token}` } });
    await until(
      () => studio.share.status().clients.some((c) => c.address === '127.0.0.1'),
      'the event stream client is listed',
    );
    await studio.share.stop();
    await events.catch(() => null);
    await expect(rawCall(link, '/api/library.list', { method: 'POST', body: '{}' })).rejects.toThrow();

    // Restarted without options: same port and same token (links keep working).
    const again = await studio.share.start();
    expect(again.link).toBe(link);
  });

  it('rotating the token stops the old link and cookie', async () => {
    const started = await studio.share.start({ host: '127.0.0.1', port: await freePort() });
    const oldToken = new URL(started.link as string).searchParams.get('token') as string;
    const exchange = await rawCall(started.link as string, `/?token=${oldToken}`);
    const cookie = String(exchange.headers['set-cookie']).split(';')[0] as string;
    expect(
      (
        await rawCall(started.link as string, '/api/app.info', {
          method: 'POST',
          headers: { Cookie: cookie },
          body: '{}',
        })
      ).status,
    ).toBe(200);
    const rotated = studio.share.rotateToken();
    expect(rotated.link).not.toBe(started.link);
    expect((await rawCall(started.link as string, `/?token=${oldToken}`)).status).toBe(401);
    expect(
      (
        await rawCall(started.link as string, '/api/app.info', {
          method: 'POST',
          headers: { Cookie: cookie },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    const newToken = new URL(rotated.link as string).searchParams.get('token');
    expect(
      (
        await rawCall(started.link as string, '/api/app.info', {
          method: 'POST',
          headers: { Authorization: `Bearer ${newToken}` },
          body: '{}',
        })
      ).status,
    ).toBe(200);
  });

  it('counts downloads and browsing per teammate per day in the activity log, with the bytes sent', async () => {
    const file = join(dir.path, 'mark.svg');
    await writeFile(
      file,
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    const report = await studio.library.importPaths([file]);
    const outcome = report.outcomes[0];
    if (outcome?.status !== 'imported') throw new Error('import failed');
    const started = await studio.share.start({ host: '127.0.0.1', port: await freePort() });
    const headers = { Authorization: `Bearer ${new URL(started.link as string).searchParams.get('token')}` };
    expect((await rawCall(started.link as string, `/media/thumb/${outcome.logo.id}`, { headers })).status).toBe(200);
    const original = await rawCall(started.link as string, `/media/original/${outcome.logo.id}`, { headers });
    expect(original.status).toBe(200);
    expect((await rawCall(started.link as string, `/media/original/${outcome.logo.id}`, { headers })).status).toBe(200);
    const log = await studio.handlers['activity.list'](
      { kind: 'share-download', offset: 0, limit: 10 },
      { mode: 'desktop', clientAddress: null },
    );
    // Two downloads, one line: this teammate's downloads of the day.
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      kind: 'share-download',
      logoIds: [outcome.logo.id],
      clientAddress: '127.0.0.1',
      count: 2,
      bytes: 2 * original.body.length,
    });
    expect(log.items[0]?.detail).toContain('mark');
    // Thumbnails are browsing, not downloads: a line of their own.
    const browsing = await studio.handlers['activity.list'](
      { kind: 'share-browse', offset: 0, limit: 10 },
      { mode: 'desktop', clientAddress: null },
    );
    expect(browsing.items).toEqual([expect.objectContaining({ count: 1, clientAddress: '127.0.0.1' })]);
    expect(browsing.items[0]?.bytes).toBeGreaterThan(0);
  });

  it('tells views from downloads: images shown in the page are views; HEAD and a resumed range count nothing', async () => {
    const file = join(dir.path, 'mark.svg');
    await writeFile(
      file,
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#123456"/></svg>',
    );
    const report = await studio.library.importPaths([file]);
    const outcome = report.outcomes[0];
    if (outcome?.status !== 'imported') throw new Error('import failed');
    const id = outcome.logo.id;
    const started = await studio.share.start({ host: '127.0.0.1', port: await freePort() });
    const link = started.link as string;
    const auth = { Authorization: `Bearer ${new URL(link).searchParams.get('token')}` };
    const get = async (path: string, headers: Record<string, string> = {}, method = 'GET') =>
      (await rawCall(link, path, { method, headers: { ...auth, ...headers } })).status;
    const teammate = () => studio.share.status().clients.find((c) => c.address === '127.0.0.1');

    // Looking only: the grid's thumbnail and the details panel's inline original (the browser
    // marks an <img> request `Sec-Fetch-Dest: image`).
    expect(await get(`/media/thumb/${id}`, { 'Sec-Fetch-Dest': 'image' })).toBe(200);
    expect(await get(`/media/original/${id}`, { 'Sec-Fetch-Dest': 'image' })).toBe(200);
    expect(await get(`/media/original/${id}`, {}, 'HEAD')).toBe(200);
    await until(() => teammate()?.views === 2, 'two views counted');
    expect(teammate()?.downloads).toBe(0);

    // One download, then the same transfer resumed from byte 10: still one download.
    const download = await rawCall(link, `/media/original/${id}`, {
      headers: { ...auth, 'Sec-Fetch-Dest': 'document' },
    });
    expect(download.status).toBe(200);
    // Taken-away files are revalidated, so a download right after an inline view reaches the server.
    expect(download.headers['cache-control']).toBe('private, no-cache');
    expect(await get(`/media/original/${id}`, { Range: 'bytes=10-' })).toBe(206);
    await until(() => teammate()?.downloads === 1, 'one download counted');

    // A last request after the others settled: nothing more was counted on the way.
    expect(await get(`/media/thumb/${id}`, { 'Sec-Fetch-Dest': 'image' })).toBe(200);
    await until(() => teammate()?.views === 3, 'the third view counted');
    expect(teammate()).toMatchObject({ views: 3, downloads: 1 });
    const lines = studio.activity.list({ offset: 0, limit: 10 }).items.filter((line) => line.clientAddress);
    expect(lines.map(({ kind, count }) => ({ kind, count })).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'share-browse', count: 3 },
      { kind: 'share-download', count: 1 },
    ]);
  });

  it('says clearly when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(studio.share.start({ host: '127.0.0.1', port })).rejects.toMatchObject({ code: 'PORT_IN_USE' });
      expect(studio.share.status().running).toBe(false);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('rate-limits a client (429) and locks out repeated wrong tokens', async () => {
    const server = await startMarqueServer({
      studio,
      mode: 'share',
      port: 0,
      limits: {
        requestsPerWindow: 20,
        windowMs: 60_000,
        maxFailedTokens: 5,
        lockoutMs: 60_000,
        maxConcurrentDownloads: 2,
      },
    });
    try {
      const headers = { Authorization: `Bearer ${server.token}` };
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) {
        statuses.push((await rawCall(server.url, '/api/app.info', { method: 'POST', headers, body: '{}' })).status);
      }
      expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    } finally {
      await server.close();
    }
    const guarded = await startMarqueServer({
      studio,
      mode: 'share',
      port: 0,
      limits: {
        requestsPerWindow: 1000,
        windowMs: 60_000,
        maxFailedTokens: 5,
        lockoutMs: 60_000,
        maxConcurrentDownloads: 2,
      },
    });
    try {
      for (let i = 0; i < 5; i++) {
        expect(
          (
            await rawCall(guarded.url, '/api/app.info', {
              method: 'POST',
              headers: { Authorization: `Bearer nope-${i}` },
              body: '{}',
            })
          ).status,
        ).toBe(401);
      }
      // Locked out now, even with the right token.
      const locked = await rawCall(guarded.url, '/api/app.info', {
        method: 'POST',
        headers: { Authorization: `Bearer ${guarded.token}` },
        body: '{}',
      });
      expect(locked.status).toBe(429);
      expect(locked.headers['retry-after']).toBe('300');
    } finally {
      await guarded.close();
    }
  });
});
