import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Db, openDatabase } from '../../../src/main/core/database/database.ts';
import { WORKERS_SETTING } from '../../../src/main/core/pipeline/pool-size.ts';
import { Settings, setting } from '../../../src/main/core/settings.ts';
import { MarqueError } from '../../../src/shared/errors.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const PORT = setting('test.port', z.number().int().min(1024).max(65535), 8080);
const NAMES = setting('test.names', z.array(z.string()).max(3), ['default']);

/** What the settings table holds for a key, exactly as stored (JSON text), or undefined. */
function rawValue(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

describe('the settings store (one module, validated both ways, on a real library database)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: Db;

  beforeEach(async () => {
    dir = await tempDir('marque-settings-');
    db = openDatabase(join(dir.path, 'library.db'));
  });
  afterEach(async () => {
    db.close();
    await dir.cleanup();
  });

  it('reads the default until a value is saved, then the value, across a reopen', () => {
    const settings = new Settings(db);
    expect(settings.get(PORT)).toBe(8080);
    settings.set(PORT, 9000);
    settings.set(NAMES, ['a', 'b']);
    db.close();
    db = openDatabase(join(dir.path, 'library.db'));
    expect(new Settings(db).get(PORT)).toBe(9000);
    expect(new Settings(db).get(NAMES)).toEqual(['a', 'b']);
    expect(rawValue(db, 'test.port')).toBe('9000');
  });

  it('refuses to write a value its schema rejects, naming the setting, and keeps the saved one', () => {
    const settings = new Settings(db);
    settings.set(PORT, 9000);
    let error: unknown;
    try {
      settings.set(PORT, 80);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MarqueError);
    expect((error as MarqueError).code).toBe('INVALID_INPUT');
    expect((error as MarqueError).message).toContain('test.port');
    expect(() => settings.set(NAMES, ['a', 'b', 'c', 'd'])).toThrow(/test\.names/);
    expect(rawValue(db, 'test.port')).toBe('9000');
    expect(rawValue(db, 'test.names')).toBeUndefined();
  });

  it('reads the default for a stored value that is not JSON or fails the schema (older, newer or hand-edited)', () => {
    const write = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
    const settings = new Settings(db);
    write.run('test.port', '{not json');
    expect(settings.get(PORT)).toBe(8080);
    write.run('test.port', '"9000"');
    expect(settings.get(PORT)).toBe(8080);
    write.run('test.port', '70000');
    expect(settings.get(PORT)).toBe(8080);
    write.run('test.port', '9001');
    expect(settings.get(PORT)).toBe(9001);
  });

  it('the worker count outside 1..64 reads as the default (null) and is never written', () => {
    db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(WORKERS_SETTING.key, '1000');
    expect(new Settings(db).get(WORKERS_SETTING)).toBeNull();
    new Settings(db).set(WORKERS_SETTING, 2);
    expect(new Settings(db).get(WORKERS_SETTING)).toBe(2);
    expect(() => new Settings(db).set(WORKERS_SETTING, 0)).toThrow(/pipeline\.workers/);
  });
});
