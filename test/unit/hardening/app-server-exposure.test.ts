import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedApp, serveMarque } from '../../e2e/fixtures/serve.ts';
import { CLI_ENTRY } from '../../helpers/node24.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { rawCall } from '../share/http-client.ts';

/** A LAN address of this machine if it has one (the case that matters), else a private one. */
function lanAddress(): string {
  for (const infos of Object.values(networkInterfaces()))
    for (const info of infos ?? []) if (!info.internal && info.family === 'IPv4') return info.address;
  return '10.11.12.13';
}

describe('marque serve (the full app) stays on this computer', () => {
  it('refuses a non-loopback --host with a non-zero exit and points to --share', async () => {
    const dir = await tempDir();
    try {
      for (const host of ['0.0.0.0', '::', lanAddress()]) {
        const dataDir = join(dir.path, `data-${host.replaceAll(':', '_')}`);
        const result = spawnSync(
          process.execPath,
          [
            '--disable-warning=ExperimentalWarning',
            CLI_ENTRY,
            'serve',
            '--host',
            host,
            '--port',
            '0',
            '--data-dir',
            dataDir,
          ],
          { encoding: 'utf8', timeout: 60_000 },
        );
        expect(result.status, host).toBe(2);
        const output = `${result.stdout}${result.stderr}`;
        expect(output).toContain(`refusing --host ${host}`);
        expect(output).toContain('marque serve --share (read-only)');
        // Refused before anything was opened: no library was created.
        expect(existsSync(join(dataDir, 'library.sqlite'))).toBe(false);
      }
    } finally {
      await dir.cleanup();
    }
  }, 120_000);
});

describe('marque serve locks a client out after 10 wrong tokens', () => {
  let app: ServedApp;
  beforeAll(async () => {
    app = await serveMarque();
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  const info = (token: string) =>
    rawCall(app.url, '/api/app.info', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{}' });

  it('answers 401 to each wrong token, then 429 to everything, the right token included', async () => {
    // Nine wrong tokens do not lock out, and a success starts the count again.
    for (let i = 0; i < 9; i++) expect((await info(`wrong-${i}`)).status).toBe(401);
    expect((await info(app.token)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await info(`wrong-${i}`)).status).toBe(401);
    const locked = await info(app.token);
    expect(locked.status).toBe(429);
    expect(JSON.parse(locked.body.toString()).error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(locked.headers['retry-after']).toBe('300');
    // The link (token in the address) is refused too while locked out.
    expect((await rawCall(app.url, `/?token=${app.token}`)).status).toBe(429);
  }, 60_000);
});
