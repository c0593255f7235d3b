import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../../src/main/core/network/lan-addresses.ts';
import { type MarqueServer, startMarqueServer } from '../../../src/main/core/server/http-server.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { until } from '../../helpers/wait.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  server: MarqueServer,
  path: string,
  options: { method?: string; token?: string | null; body?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const method = options.method ?? 'POST';
    // The API takes JSON only (a form or no-cors fetch cannot send it); callers may override.
    const headers: Record<string, string> = {
      ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
      ...options.headers,
    };
    if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? server.token}`;
    const req = request(`${server.url.replace(/\/$/, '')}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('HTTP transport (browser mode)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio;
  let server: MarqueServer;

  beforeEach(async () => {
    dir = await tempDir();
    studio = await createStudio({ dataDir: join(dir.path, 'data') });
    server = await startMarqueServer({ studio, mode: 'browser', port: 0, staticDir: join(dir.path, 'no-ui') });
  });
  afterEach(async () => {
    await server.close();
    await studio.close();
    await dir.cleanup();
  });

  it('binds loopback and prints a link with a 256-bit token', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('answers library.list with the token and 401 without it or with a wrong one', async () => {
    const ok = await call(server, '/api/library.list', { body: '{}' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ items: [], total: 0 });
    expect((await call(server, '/api/library.list', { token: null, body: '{}' })).status).toBe(401);
    const wrong = await call(server, '/api/library.list', { token: `${server.token.slice(0, -1)}x`, body: '{}' });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error.code).toBe('UNAUTHORIZED');
  });

  it('exchanges ?token= for an HttpOnly SameSite=Strict cookie that then authorizes', async () => {
    const exchange = await call(server, `/?token=${server.token}`, { method: 'GET', token: null });
    expect(exchange.status).toBe(303);
    const cookie = String(exchange.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const withCookie = await call(server, '/api/app.info', {
      token: null,
      body: '{}',
      headers: { Cookie: cookie.split(';')[0] as string },
    });
    expect(withCookie.status).toBe(200);
    expect(JSON.parse(withCookie.body)).toMatchObject({ name: 'Marque', mode: 'browser', canEdit: true });
  });

  it('refuses a forged Host header (DNS rebinding)', async () => {
    const reply = await call(server, '/api/app.info', { body: '{}', headers: { Host: 'evil.example:80' } });
    expect(reply.status).toBe(403);
  });

  it('validates input and names unknown methods', async () => {
    const bad = await call(server, '/api/library.get', { body: JSON.stringify({ id: '../../etc/passwd' }) });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('INVALID_INPUT');
    const unknown = await call(server, '/api/library.nuke', { body: '{}' });
    expect(unknown.status).toBe(404);
    const notJson = await call(server, '/api/library.list', { body: '{not json' });
    expect(notJson.status).toBe(400);
  });

  it('imports an upload, streams the change as SSE and serves the thumbnail by id', async () => {
    const events: string[] = [];
    const sse = request(`${server.url}api/events`, { headers: { Authorization: `Bearer ${server.token}` } }, (res) => {
      res.on('data', (c: Buffer) => events.push(c.toString()));
    });
    sse.end();
    // The server subscribes before it writes its first line: once that arrives, no event is missed.
    await until(() => events.length > 0, 'the event stream opens');
    const png = await sharp({ create: { width: 64, height: 40, channels: 4, background: '#e63946' } })
      .png()
      .toBuffer();
    const upload = await call(server, '/api/library.upload?name=Acme%20Mark.png', {
      body: png,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(upload.status).toBe(200);
    const report = JSON.parse(upload.body);
    expect(report.imported).toBe(1);
    const id = report.outcomes[0].logo.id as string;
    expect(report.outcomes[0].logo).toMatchObject({ name: 'Acme Mark', width: 64, height: 40, format: 'png' });

    const thumb = await call(server, `/media/thumb/${id}`, { method: 'GET' });
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.headers['x-content-type-options']).toBe('nosniff');
    await expect.poll(() => events.join('')).toContain('event: library.changed');
    expect(events.join('')).toContain(id);
    sse.destroy();
  });

  it('answers a request the HTTP parser rejects with the error envelope', async () => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.write('GARBAGE / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n');
    await new Promise((resolve) => socket.on('close', resolve));
    const text = Buffer.concat(chunks).toString();
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).error.code).toBe('INVALID_INPUT');
  });

  it('serves SVG originals as attachments only', async () => {
    const file = join(dir.path, 'mark.svg');
    await writeFile(
      file,
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>',
    );
    const report = await studio.library.importPaths([file]);
    const outcome = report.outcomes[0];
    if (outcome?.status !== 'imported') throw new Error('import failed');
    const reply = await call(server, `/media/original/${outcome.logo.id}`, { method: 'GET' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-disposition']).toMatch(/^attachment;/);
    expect(reply.body).toContain('<circle');
  });

  it('refuses a foreign Origin with a valid token (403) and accepts its own origin and token-only clients', async () => {
    let n = 0;
    const create = (headers: Record<string, string>) =>
      call(server, '/api/collections.create', { body: JSON.stringify({ name: `Made ${++n}` }), headers });
    const foreign = await create({ Origin: 'http://127.0.0.1:9999' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('FORBIDDEN');
    expect((await create({ Origin: 'null' })).status).toBe(403);
    expect((await create({ Origin: 'http://localhost:1', 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    // Same origin as a browser sends it: Origin of this server, Sec-Fetch-Site same-origin.
    const own = await create({ Origin: server.url.replace(/\/$/, ''), 'Sec-Fetch-Site': 'same-origin' });
    expect(own.status).toBe(200);
    // A program (curl with the token) sends neither header: judged by its token alone.
    expect((await create({})).status).toBe(200);
    // Sec-Fetch-Site alone decides too when a browser hides Origin.
    expect((await create({ 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    // Only the two accepted calls (the 4th and 5th) made a collection.
    expect(studio.collections.list().map((c) => c.name)).toEqual(['Made 4', 'Made 5']);
  });

  it('refuses bodies a form or a no-cors fetch can send (text/plain, form, multipart) before any handler runs', async () => {
    for (const type of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
    ]) {
      const reply = await call(server, '/api/collections.create', {
        body: '{"name":"x"}',
        headers: { 'Content-Type': type },
      });
      expect(reply.status, type).toBe(403);
    }
    // An upload carries raw bytes as application/octet-stream and nothing else.
    const upload = await call(server, '/api/library.upload?name=a.png', {
      body: 'x',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(upload.status).toBe(403);
    expect(studio.collections.list()).toEqual([]);
    expect(studio.db.prepare('SELECT count(*) FROM logos').pluck().get()).toBe(0);
  });

  it('serves media and the event stream to its own pages and top-level links, never embedded elsewhere', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 4, background: '#000' } })
      .png()
      .toBuffer();
    const file = join(dir.path, 'mark.png');
    await writeFile(file, png);
    const report = await studio.library.importPaths([file]);
    const outcome = report.outcomes[0];
    if (outcome?.status !== 'imported') throw new Error('import failed');
    const thumb = `/media/thumb/${outcome.logo.id}`;
    const embedded = { 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image' };
    expect((await call(server, thumb, { method: 'GET', headers: embedded })).status).toBe(403);
    const stream = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty' };
    expect((await call(server, '/api/events', { method: 'GET', headers: stream })).status).toBe(403);
    const own = { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image' };
    expect((await call(server, thumb, { method: 'GET', headers: own })).status).toBe(200);
    const link = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' };
    expect((await call(server, thumb, { method: 'GET', headers: link })).status).toBe(200);
    // The ?token= exchange sets a cookie: an <img> elsewhere cannot trigger it (nor count a wrong guess).
    const exchange = await call(server, `/?token=${server.token}`, { method: 'GET', token: null, headers: embedded });
    expect(exchange.status).toBe(403);
    expect(exchange.headers['set-cookie']).toBeUndefined();
  });

  it('locks a client out after 10 different wrong tokens; no token, a repeated stale one or a planted cookie do not count', async () => {
    const info = (token: string | null, headers: Record<string, string> = {}) =>
      call(server, '/api/app.info', { token, body: '{}', headers });
    for (let i = 0; i < 20; i++) expect((await info(null)).status).toBe(401);
    // A tab left open on an old link keeps sending its stale cookie (the event stream retries).
    for (let i = 0; i < 30; i++)
      expect((await info(null, { Cookie: 'marque_token=from-an-old-run' })).status).toBe(401);
    // A page on another port can plant a cookie of the same name: the real one still works.
    expect((await info(null, { Cookie: `marque_token=planted; marque_token=${server.token}` })).status).toBe(200);
    expect((await info(server.token)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await info(`guess-${i}`)).status).toBe(401);
    expect((await info(server.token)).status).toBe(200);
    // A success starts the count again; ten different guesses in a row lock the address out, right token or not.
    for (let i = 0; i < 10; i++) expect((await info(`guess-${i}`)).status).toBe(401);
    const locked = await info(server.token);
    expect(locked.status).toBe(429);
    expect(JSON.parse(locked.body).error.message).toMatch(/Too many wrong tokens/);
    expect(locked.headers['retry-after']).toBe('300');
  });
});

describe('browser mode binds loopback only', () => {
  it('knows loopback addresses from the rest', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', '::ffff:10.0.0.1', 'fe80::1', 'example.com', ''])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('refuses a non-loopback host and points to the read-only share', async () => {
    const dir = await tempDir();
    const studio = await createStudio({ dataDir: join(dir.path, 'data') });
    try {
      for (const host of ['0.0.0.0', '::', '10.1.2.3']) {
        await expect(startMarqueServer({ studio, mode: 'browser', host, port: 0 })).rejects.toThrow(
          /--share \(read-only\)/,
        );
      }
      const loopback = await startMarqueServer({ studio, mode: 'browser', host: '127.0.0.1', port: 0 });
      await loopback.close();
    } finally {
      await studio.close();
      await dir.cleanup();
    }
  });
});
