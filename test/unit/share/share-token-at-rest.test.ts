/**
 * The share token at rest: sealed by the OS keychain where there is one. Electron's safeStorage
 * cannot run here, so a fake keychain in plain Node (AES-256-GCM with a key held in memory)
 * stands in for it; the database, settings and log are real files.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Db, openDatabase } from '../../../src/main/core/database/database.ts';
import { EventHub } from '../../../src/main/core/events.ts';
import { createLog, type LogHandle } from '../../../src/main/core/log/logger.ts';
import type { MarqueServer } from '../../../src/main/core/server/http-server.ts';
import { Settings, setting } from '../../../src/main/core/settings.ts';
import { NO_SECRET_STORAGE, type SecretStorage } from '../../../src/main/core/share/secret-storage.ts';
import { ShareService } from '../../../src/main/core/share/share-service.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

function fakeKeychain(key = randomBytes(32)): SecretStorage {
  return {
    available: true,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      const bytes = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** A server stand-in that records the token it was started with (no socket is opened). */
function fakeServer(started: string[]) {
  return async ({ host, port, token }: { host: string; port: number; token: string }): Promise<MarqueServer> => {
    started.push(token);
    let current = token;
    return {
      url: `http://${host}:${port}/`,
      get link() {
        return `http://${host}:${port}/?token=${current}`;
      },
      get token() {
        return current;
      },
      host,
      port,
      guard: null,
      rotateToken: (next?: string) => {
        current = next ?? current;
      },
      close: async () => {},
    };
  };
}

describe('the share token at rest', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: Db;
  let logs: LogHandle;

  beforeEach(async () => {
    dir = await tempDir('marque-token-');
    db = openDatabase(join(dir.path, 'library.sqlite'));
    logs = createLog({ dir: join(dir.path, 'logs'), level: 'info' });
  });
  afterEach(async () => {
    db.close();
    await logs.close();
    await dir.cleanup();
  });

  const rawRow = () => (db.prepare("SELECT value FROM settings WHERE key = 'share'").get() as { value: string }).value;
  const service = (secrets: SecretStorage, started: string[]) =>
    new ShareService(new Settings(db), new EventHub(), fakeServer(started), { secrets, log: logs.log });
  const logText = async () => {
    await logs.close();
    return readFile(join(dir.path, 'logs', 'marque.log'), 'utf8');
  };

  it('is sealed where a keychain exists: never in the database in the clear, the same after a restart', async () => {
    const keychain = fakeKeychain();
    const started: string[] = [];
    await service(keychain, started).start({ host: '127.0.0.1', port: 4999 });
    const token = started[0] as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = rawRow();
    expect(row).not.toContain(token);
    expect(JSON.parse(row)).toMatchObject({ host: '127.0.0.1', port: 4999, sealedToken: expect.any(String) });
    expect(JSON.parse(row).token).toBeUndefined();
    // A restart (a new service on the same database and keychain) serves the same link.
    await service(keychain, started).start();
    expect(started[1]).toBe(token);
    // Rotation seals the new token too.
    const rotating = service(keychain, started);
    const rotated = new URL((await rotating.start()).link as string).searchParams.get('token') as string;
    const next = new URL(rotating.rotateToken().link as string).searchParams.get('token');
    expect(rotated).toBe(token);
    expect(next).not.toBe(token);
    expect(rawRow()).not.toContain(next as string);
    expect(await logText()).not.toMatch(/plain text/);
  });

  it('seals a token an older build stored in plain text, keeping the link', async () => {
    const old = 'p'.repeat(43);
    new Settings(db).set(setting('share', z.unknown(), null), { host: '127.0.0.1', port: 4998, token: old });
    const started: string[] = [];
    await service(fakeKeychain(), started).start();
    expect(started).toEqual([old]);
    expect(rawRow()).not.toContain(old);
  });

  it('falls back to plain text without a keychain, and says so in the log', async () => {
    const started: string[] = [];
    await service(NO_SECRET_STORAGE, started).start({ host: '127.0.0.1', port: 4997 });
    expect(JSON.parse(rawRow()).token).toBe(started[0]);
    const log = await logText();
    expect(log).toContain('stored in plain text');
    expect(log).not.toContain(started[0] as string);
  });

  it('without the keychain that sealed it (the CLI on the desktop library), uses a one-run token and keeps the sealed one', async () => {
    const keychain = fakeKeychain();
    const started: string[] = [];
    await service(keychain, started).start({ host: '127.0.0.1', port: 4996 });
    const sealedRow = rawRow();
    await service(NO_SECRET_STORAGE, started).start({ port: 4995 });
    expect(started[1]).not.toBe(started[0]);
    expect(rawRow()).not.toContain(started[1] as string);
    expect(JSON.parse(rawRow())).toMatchObject({ port: 4995, sealedToken: JSON.parse(sealedRow).sealedToken });
    // The desktop app, with its keychain, still has its link.
    await service(keychain, started).start();
    expect(started[2]).toBe(started[0]);
    expect(await logText()).toContain('one-time token');
  });

  it('issues a new token when the sealed one cannot be opened (another keychain)', async () => {
    const started: string[] = [];
    await service(fakeKeychain(), started).start({ host: '127.0.0.1', port: 4994 });
    await service(fakeKeychain(), started).start();
    expect(started[1]).not.toBe(started[0]);
    expect(await logText()).toContain('cannot be unsealed');
  });
});
