import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/database/database.ts';
import { canonicalJson, outputCacheKey } from '../../../src/main/core/pipeline/cache-key.ts';
import { JobStore } from '../../../src/main/core/pipeline/job-store.ts';
import { outputPathSegments } from '../../../src/main/core/pipeline/output-paths.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const HASH = 'a'.repeat(64);

describe('cache keys', () => {
  it('canonical JSON sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('changes with every part the output depends on, and only with those', () => {
    const base = { masterHash: HASH, recipe: 'trace', optionsJson: canonicalJson({ a: 1, b: 2 }), processorVersion: 1 };
    const key = outputCacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(outputCacheKey({ ...base, optionsJson: canonicalJson({ b: 2, a: 1 }) })).toBe(key);
    const variants = [
      { ...base, masterHash: 'b'.repeat(64) },
      { ...base, recipe: 'trace-color' },
      { ...base, optionsJson: canonicalJson({ a: 1, b: 3 }) },
      { ...base, processorVersion: 2 },
      { ...base, name: 'Acme' },
      { ...base, palette: { colors: [], locked: true } },
    ];
    const keys = new Set([key, ...variants.map(outputCacheKey)]);
    expect(keys.size).toBe(variants.length + 1);
  });
});

describe('output paths', () => {
  it('accepts nested relative names, unicode included', () => {
    expect(outputPathSegments('png/icon-192.png')).toEqual(['png', 'icon-192.png']);
    expect(outputPathSegments('Café Ünïcode/logo (1).svg')).toEqual(['Café Ünïcode', 'logo (1).svg']);
  });

  it.each([
    '',
    '/etc/passwd',
    '../x',
    'a/../../x',
    'a/./b',
    '.hidden',
    'a//b',
    'a\\b',
    'C:/x',
    'nul\u0000.txt',
    'trailing./x',
    'space /x',
    'a/b/c/d/e/f/g',
    'x'.repeat(401),
  ])('refuses %j', (path) => {
    expect(() => outputPathSegments(path)).toThrow(/refused/);
  });
});

describe('migration 0020', () => {
  it('creates the queue tables on a fresh database and the claim query uses the queue index', async () => {
    const dir = await tempDir();
    try {
      const db = openDatabase(join(dir.path, 'lib.sqlite'));
      const columns = (db.prepare(`PRAGMA table_info(jobs)`).all() as { name: string }[]).map((c) => c.name);
      expect(columns).toEqual(
        expect.arrayContaining([
          'id',
          'logo_id',
          'master_hash',
          'recipe',
          'options',
          'cache_key',
          'priority',
          'state',
          'progress',
          'attempts',
        ]),
      );
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN SELECT id FROM jobs WHERE state = 'queued' ORDER BY priority, seq LIMIT 4`)
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING (COVERING )?INDEX jobs_queue/);
      expect(plan.map((p) => p.detail).join(' | ')).not.toMatch(/TEMP B-TREE/);
      const byLogo = db
        .prepare(`EXPLAIN QUERY PLAN SELECT * FROM job_outputs WHERE logo_id = ? ORDER BY produced_at DESC`)
        .all('x') as {
        detail: string;
      }[];
      expect(byLogo.map((p) => p.detail).join(' | ')).toMatch(/INDEX job_outputs_logo_time|PRIMARY KEY/);
      // States outside the closed set are refused by the table itself.
      expect(() =>
        db
          .prepare(`INSERT INTO jobs (id, logo_id, master_hash, recipe, options, processor_version, cache_key, input, priority, state, owner, created_at, updated_at)
          VALUES ('j1', 'nope', 'h', 'r', '{}', 1, 'k', '{}', 1, 'paused', 'o', 'now', 'now')`)
          .run(),
      ).toThrow();
      expect(new JobStore(db).list({ offset: 0, limit: 10 }).total).toBe(0);
      db.close();
    } finally {
      await dir.cleanup();
    }
  });
});
