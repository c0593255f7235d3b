import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? server.token}`;
    const req = request(
      `${server.url.replace(/\/$/, '')}${path}`,
      { method: options.method ?? 'POST', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
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
});
