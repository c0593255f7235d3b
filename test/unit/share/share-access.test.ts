import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MarqueServer, startMarqueServer } from '../../../src/main/core/server/http-server.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { methodNames, methods } from '../../../src/shared/contract/index.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { rawCall } from './http-client.ts';

describe('teammate share: access control on the real server', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio;
  let server: MarqueServer;
  let pngId: string;
  let svgId: string;
  let pngBytes: Buffer;
  const auth = () => ({ Authorization: `Bearer ${server.token}` });

  beforeAll(async () => {
    dir = await tempDir();
    studio = await createStudio({ dataDir: join(dir.path, 'data') });
    pngBytes = await sharp({ create: { width: 300, height: 200, channels: 4, background: '#457b9d' } })
      .png()
      .toBuffer();
    await writeFile(join(dir.path, 'Blue Wave.png'), pngBytes);
    await writeFile(
      join(dir.path, 'dot.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><circle cx="10" cy="10" r="8" fill="#e63946"/></svg>',
    );
    const report = await studio.library.importPaths([join(dir.path, 'Blue Wave.png'), join(dir.path, 'dot.svg')]);
    const ids = report.outcomes.map((o) => (o.status === 'failed' ? null : o.logo.id));
    pngId = ids[0] as string;
    svgId = ids[1] as string;
    const staticDir = join(dir.path, 'ui');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(staticDir, 'assets'), { recursive: true }));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>ui</title>');
    await writeFile(join(staticDir, 'assets', 'app-abcdef12.js'), 'console.log(1)');
    // Lockout is tested on its own (share-lifecycle); here many wrong tokens in a row are the point.
    server = await startMarqueServer({
      studio,
      mode: 'share',
      host: '127.0.0.1',
      port: 0,
      staticDir,
      limits: {
        requestsPerWindow: 100_000,
        windowMs: 10_000,
        maxFailedTokens: 1_000_000,
        lockoutMs: 1,
        maxConcurrentDownloads: 6,
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await studio?.close();
    await dir?.cleanup();
  });

  const routes = (): { method: string; path: string; body?: string }[] => [
    ...methodNames.map((name) => ({ method: 'POST', path: `/api/${name}`, body: '{}' })),
    { method: 'GET', path: '/api/events' },
    { method: 'POST', path: '/api/library.upload?name=x.png', body: 'x' },
    { method: 'GET', path: `/media/thumb/${pngId}` },
    { method: 'GET', path: `/media/original/${pngId}` },
    { method: 'GET', path: `/download/originals.zip?ids=${pngId}` },
    { method: 'GET', path: '/' },
    { method: 'GET', path: '/assets/app-abcdef12.js' },
    { method: 'GET', path: '/library/somewhere' },
  ];

  it('every route answers 401 without a token or with a wrong one', async () => {
    const wrong = `${server.token.slice(0, -2)}zz`;
    for (const route of routes()) {
      const attempts: Record<string, string>[] = [
        {},
        { Authorization: `Bearer ${wrong}` },
        { Cookie: `marque_token=${wrong}` },
      ];
      for (const headers of attempts) {
        const reply = await rawCall(server.url, route.path, { method: route.method, headers, body: route.body });
        expect([401, 403], `${route.method} ${route.path}`).toContain(reply.status);
        expect(reply.body.includes(pngBytes.subarray(0, 64))).toBe(false);
      }
    }
  });

  it('answers only the read-only subset: every write method is refused whatever the token', async () => {
    const writes = methodNames.filter((name) => methods[name].access === 'write');
    expect(writes.length).toBeGreaterThan(3);
    for (const name of writes) {
      const reply = await rawCall(server.url, `/api/${name}`, { method: 'POST', headers: auth(), body: '{}' });
      expect([403, 404], name).toContain(reply.status);
    }
    const upload = await rawCall(server.url, '/api/library.upload?name=a.png', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/octet-stream' },
      body: pngBytes,
    });
    expect(upload.status).toBe(403);
    const info = await rawCall(server.url, '/api/app.info', { method: 'POST', headers: auth(), body: '{}' });
    expect(JSON.parse(info.body.toString())).toMatchObject({ mode: 'share', canEdit: false, dataDir: null });
    const list = await rawCall(server.url, '/api/library.list', { method: 'POST', headers: auth(), body: '{}' });
    expect(JSON.parse(list.body.toString()).total).toBe(2);
  });

  it('refuses path traversal in every parameter and reads nothing', async () => {
    const secret = await readFile('/etc/passwd', 'utf8').catch(() => 'root:');
    const attempts = [
      '/media/original/..%2F..%2F..%2Fetc%2Fpasswd',
      '/media/original/../../../../etc/passwd',
      '/media/thumb/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/media/original/%2Fetc%2Fpasswd',
      '/media/original/..%5C..%5Cwindows%5Cwin.ini',
      `/media/original/${pngId}%00.png`,
      `/media/original/${pngId}/..%2F..%2F..%2Flibrary.sqlite`,
      '/media/..%2F..%2Flibrary.sqlite/abcdefgh',
      '/download/originals.zip?ids=..%2F..%2Fetc%2Fpasswd',
      '/download/originals.zip?ids=%2Fetc%2Fpasswd',
      '/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      '/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..\\..\\..\\etc\\passwd',
      '/index.html%00.js',
    ];
    for (const path of attempts) {
      const reply = await rawCall(server.url, path, { headers: auth() });
      // A path the URL parser resolves to an app route gets the app shell (client-side routing), nothing else.
      if (reply.status === 200) expect(reply.body.toString(), path).toBe('<!doctype html><title>ui</title>');
      else expect([400, 403, 404], path).toContain(reply.status);
      expect(reply.body.toString('latin1').includes(secret.slice(0, 20)), path).toBe(false);
      expect(reply.body.includes(Buffer.from('SQLite format 3')), path).toBe(false);
    }
    const badInput = await rawCall(server.url, '/api/library.get', {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ id: '../../etc/passwd' }),
    });
    expect(badInput.status).toBe(400);
  });

  it('refuses a forged Host header even with the right token', async () => {
    for (const host of ['evil.example', 'attacker.test:80', `localhost.evil:${server.port}`]) {
      const reply = await rawCall(server.url, '/api/library.list', {
        method: 'POST',
        headers: { ...auth(), Host: host },
        body: '{}',
      });
      expect(reply.status, host).toBe(403);
    }
  });

  it('serves downloads byte for byte, with ETag revalidation and ranges', async () => {
    const reply = await rawCall(server.url, `/media/original/${pngId}`, { headers: auth() });
    expect(reply.status).toBe(200);
    const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(hash(reply.body)).toBe(hash(pngBytes));
    const etag = String(reply.headers.etag);
    expect(
      (await rawCall(server.url, `/media/original/${pngId}`, { headers: { ...auth(), 'If-None-Match': etag } })).status,
    ).toBe(304);
    const part = await rawCall(server.url, `/media/original/${pngId}`, {
      headers: { ...auth(), Range: 'bytes=10-19' },
    });
    expect(part.status).toBe(206);
    expect(part.body.equals(pngBytes.subarray(10, 20))).toBe(true);
    const svg = await rawCall(server.url, `/media/original/${svgId}`, { headers: auth() });
    expect(svg.headers['content-disposition']).toMatch(/^attachment/);
    const zip = await rawCall(server.url, `/download/originals.zip?ids=${pngId},${svgId}`, { headers: auth() });
    expect(zip.status).toBe(200);
    expect(zip.body.subarray(0, 2).toString()).toBe('PK');
  });

  it('sends security headers, no CORS, refuses other origins and gzips JSON', async () => {
    const foreign = await rawCall(server.url, '/api/library.list', {
      method: 'POST',
      headers: { ...auth(), Origin: 'http://evil.example', 'Accept-Encoding': 'gzip' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const reply = await rawCall(server.url, '/api/library.list', {
      method: 'POST',
      headers: { ...auth(), Origin: server.url.replace(/\/$/, ''), 'Accept-Encoding': 'gzip' },
      body: '{}',
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(String(reply.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['content-encoding']).toBe('gzip');
    const asset = await rawCall(server.url, '/assets/app-abcdef12.js', { headers: auth() });
    expect(asset.headers['cache-control']).toContain('immutable');
  });
});
