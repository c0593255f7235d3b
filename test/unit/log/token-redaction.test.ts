/**
 * No token in the log after a real serve session: the browser-mode token exchanged for a cookie,
 * a wrong token refused, API calls with the bearer token, and the teammate share started (its
 * link carries the share token) and its token rotated.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServedApp, serveMarque } from '../../e2e/fixtures/serve.ts';

describe('tokens never reach the log', () => {
  let app: ServedApp | null = null;
  afterEach(async () => {
    await app?.stop();
    app = null;
  });

  it('a serve session with token exchange, share start and rotation leaves no token in marque.log', async () => {
    app = await serveMarque();
    const { url, token } = app;
    expect(token.length).toBeGreaterThanOrEqual(32);
    // Exchange the link's token for the session cookie (a 303 that drops it from the address bar).
    const exchange = await fetch(`${url}?token=${token}`, { redirect: 'manual' });
    expect(exchange.status).toBe(303);
    expect(exchange.headers.get('set-cookie')).toContain(encodeURIComponent(token));
    expect((await fetch(`${url}?token=not-the-${token}`, { redirect: 'manual' })).status).toBe(401);
    const call = async (method: string, body: unknown = {}) => {
      const response = await fetch(`${url}api/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, method).toBe(200);
      return (await response.json()) as { link: string | null };
    };
    const shared = await call('share.start', { host: '127.0.0.1', port: 20000 + Math.floor(Math.random() * 20000) });
    const shareToken = new URL(shared.link as string).searchParams.get('token') as string;
    expect(shareToken.length).toBeGreaterThanOrEqual(32);
    const rotated = await call('share.rotateToken');
    const rotatedToken = new URL(rotated.link as string).searchParams.get('token') as string;
    expect(rotatedToken).not.toBe(shareToken);
    await call('share.stop');
    const dataDir = app.dataDir;
    // Stop only the process (SIGTERM): the CLI flushes and closes the log on the way out.
    app.process.kill('SIGTERM');
    await new Promise((resolve) => app?.process.once('exit', resolve));

    const log = await readFile(join(dataDir, 'logs', 'marque.log'), 'utf8');
    const records = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // The session really was logged: the listening lines and the exchange, with their links scrubbed.
    expect(records.filter((r) => r.msg === 'listening').length).toBeGreaterThanOrEqual(2);
    expect(records.find((r) => r.msg === 'session opened with the link')?.url).toBe('/?token=[redacted]');
    for (const secret of [token, shareToken, rotatedToken]) {
      expect(log).not.toContain(secret);
      expect(log).not.toContain(encodeURIComponent(secret));
    }
  });
});
