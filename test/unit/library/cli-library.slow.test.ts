import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marqueJson, runMarque } from '../../helpers/cli.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let dir: { path: string; cleanup: () => Promise<void> };
let dataDir: string;

const marque = (...args: string[]) => runMarque([...args, '--data-dir', dataDir]);

const json = <T>(...args: string[]): T => marqueJson<T>(marque, ...args);

interface ListReply {
  total: number;
  logos: { id: string; name: string; tags: string[]; format: string; hash: string }[];
}

beforeAll(async () => {
  dir = await tempDir();
  dataDir = join(dir.path, 'data');
  await writeCorpus(join(dir.path, 'brand'), { svgs: 6, pngs: 3, offset: 60 });
  await writeCorpus(join(dir.path, 'other'), { svgs: 3, offset: 90 });
  const brand = marque('import', join(dir.path, 'brand'), '--tag', 'acme', '--tag', 'print');
  expect(brand.code, brand.stderr).toBe(0);
  const other = marque('import', join(dir.path, 'other'));
  expect(other.code, other.stderr).toBe(0);
});

afterAll(async () => {
  await dir.cleanup();
});

describe('marque CLI: list, rm, stats, health, cache clear (real processes)', () => {
  it('list --tag and --search narrow the library; --json is pure JSON on stdout', () => {
    const all = json<ListReply>('list');
    expect(all.total).toBe(12);
    const tagged = json<ListReply>('list', '--tag', 'acme');
    expect(tagged.total).toBe(9);
    expect(tagged.logos.every((l) => l.tags.includes('acme') && l.tags.includes('print'))).toBe(true);
    const target = all.logos.find((l) => l.format === 'svg') as ListReply['logos'][number];
    const word = target.name.replace(/^(si|logos)-/, '').slice(0, 4);
    const found = json<ListReply>('list', '--search', word);
    expect(found.logos.map((l) => l.id)).toContain(target.id);
    expect(found.total).toBeLessThan(all.total);
    const both = json<ListReply>('list', '--search', word, '--tag', 'acme');
    expect(both.logos.every((l) => l.tags.includes('acme'))).toBe(true);
    const human = marque('list', '--tag', 'acme');
    expect(human.stdout).toMatch(/9 of 9 logos/);
    const bad = marque('list', '--format', 'eps');
    expect(bad.code).toBe(2);
  });

  it('rm moves logos to the Trash, --restore brings them back, --empty-trash purges', () => {
    const all = json<ListReply>('list');
    const [a, b] = all.logos as [ListReply['logos'][number], ListReply['logos'][number]];
    expect(json<{ trashed: number }>('rm', a.id, b.id)).toEqual({ trashed: 2 });
    expect(json<ListReply>('list').total).toBe(10);
    expect(
      json<ListReply>('list', '--trashed')
        .logos.map((l) => l.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    expect(json<{ restored: number }>('rm', '--restore', b.id)).toEqual({ restored: 1 });
    const purged = json<{ emptyTrash: { purgedLogos: number; purgedOriginals: number } }>('rm', '--empty-trash');
    expect(purged.emptyTrash).toMatchObject({ purgedLogos: 1, purgedOriginals: 1 });
    expect(json<ListReply>('list').total).toBe(11);
    expect(existsSync(join(dataDir, 'store', 'originals', a.hash.slice(0, 2), a.hash.slice(2, 4), a.hash))).toBe(false);
    const missing = marque('rm', 'nosuchlogo1');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No logo with id nosuchlogo1/);
  });

  it('stats --json counts originals and thumbnails; cache clear --older-than empties derived files only', async () => {
    const stats = json<{
      originals: { count: number; bytes: number };
      thumbnails: { count: number };
      previews: { count: number };
      capBytes: number;
    }>('stats');
    expect(stats.originals.count).toBe(11);
    expect(stats.thumbnails.count).toBe(11);
    expect(stats.previews.count).toBe(11);
    expect(stats.capBytes).toBe(2 * 1024 ** 3);
    // Nothing was unused for 30 days yet.
    expect(json<{ removed: number }>('cache', 'clear', '--older-than', '30')).toEqual({ removed: 0, freedBytes: 0 });
    const cleared = json<{ removed: number; freedBytes: number }>('cache', 'clear', '--older-than', '0');
    // 11 thumbnails and 11 previews (1024 px), every derived file.
    expect(cleared.removed).toBe(22);
    expect(cleared.freedBytes).toBeGreaterThan(0);
    const after = json<{ originals: { count: number }; thumbnails: { count: number } }>('stats');
    expect(after.thumbnails.count).toBe(0);
    expect(after.originals.count).toBe(11);
    expect(await readdir(join(dataDir, 'cache', 'thumbs'))).toEqual([]);
    expect(marque('cache', 'purge').code).toBe(2);
  });

  it('health --json is healthy on a sound library', () => {
    const health = json<{ status: string; reasons: unknown[] }>('health');
    expect(health).toEqual({ status: 'healthy', reasons: [] });
  });
});
