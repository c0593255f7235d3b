import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../src/main/core/database/migrations/index.ts';
import { outputCacheKey } from '../../../src/main/core/pipeline/cache-key.ts';
import type { LogoArtwork } from '../../../src/shared/artwork.ts';
import { marqueJson, runMarque } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let dir: { path: string; cleanup: () => Promise<void> };
let dataDir: string;

const marque = (...args: string[]) => runMarque([...args, '--data-dir', dataDir], { timeout: 90_000 });

const json = <T>(...args: string[]): T => marqueJson<T>(marque, ...args);

interface ProcessReply {
  jobs: {
    fromCache: boolean;
    state: string;
    files: { path: string; file: string }[];
    facts: { outcome?: string; removedShare?: number; decision?: { kind: string } };
  }[];
}

beforeAll(async () => {
  dir = await tempDir();
  dataDir = join(dir.path, 'data');
});

afterAll(async () => {
  await dir.cleanup();
});

describe('cache keys follow the artwork settings', () => {
  it('default settings keep the keys of today; any override gives a new key', () => {
    const parts = { masterHash: 'a'.repeat(64), recipe: 'trace', optionsJson: '{}', processorVersion: 3 };
    const plain = outputCacheKey(parts);
    expect(outputCacheKey({ ...parts, artwork: { background: 'auto', threshold: null } })).toBe(plain);
    const fullBleed = outputCacheKey({ ...parts, artwork: { background: 'full-bleed', threshold: null } });
    const threshold = outputCacheKey({ ...parts, artwork: { background: 'auto', threshold: 70 } });
    expect(new Set([plain, fullBleed, threshold]).size).toBe(3);
  });
});

describe('migration 0026: logo_artwork', () => {
  it('creates a STRICT table whose checks refuse bad settings and whose rows go with their logo', () => {
    const db = new Database(join(dir.path, 'm26.sqlite'));
    db.pragma('foreign_keys = ON');
    for (const m of migrations) {
      if (m.version > 26) break;
      db.transaction(() => m.up(db))();
    }
    const info = db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'logo_artwork'").get() as {
      strict: number;
    };
    expect(info.strict).toBe(1);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO blobs (hash, byte_size, created_at) VALUES ('h', 1, ?)").run(now);
    db.prepare(
      `INSERT INTO logos (id, name, format, is_vector, width, height, has_alpha, byte_size, hash, imported_at, updated_at)
       VALUES ('logo-1', 'x', 'png', 0, 1, 1, 0, 1, 'h', ?, ?)`,
    ).run(now, now);
    const insert = db.prepare(
      'INSERT INTO logo_artwork (logo_id, background, threshold, updated_at) VALUES (?, ?, ?, ?)',
    );
    expect(() => insert.run('logo-1', 'sideways', null, now)).toThrow(/CHECK/);
    expect(() => insert.run('logo-1', 'auto', 140, now)).toThrow(/CHECK/);
    insert.run('logo-1', 'full-bleed', 70, now);
    db.prepare("DELETE FROM logos WHERE id = 'logo-1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM logo_artwork').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('marque set: the background override, stored and part of every cache key (real CLI)', () => {
  it('a JPEG on white loses its paper; --background full-bleed keeps it; auto comes back from the cache', async () => {
    // A dark ring with a counter, drawn on white and saved as JPEG: paper all round and inside.
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#fff"/>' +
      '<circle cx="200" cy="150" r="100" fill="#1d3557"/><circle cx="200" cy="150" r="40" fill="#fff"/></svg>';
    const file = join(dir.path, 'ring-on-white.jpg');
    await writeFile(file, await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer());
    const imported = json<{ outcomes: { id: string }[] }>('import', file);
    const id = imported.outcomes[0]?.id as string;

    const auto = json<ProcessReply>('process', id, '--recipe', 'remove-bg');
    expect(auto.jobs[0]?.facts.outcome).toBe('removed');
    const removed = await sharp(auto.jobs[0]?.files[0]?.file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const alphaAt = (data: Buffer, width: number, x: number, y: number) => data[(y * width + x) * 4 + 3];
    const scale = removed.info.width / 400;
    expect(alphaAt(removed.data, removed.info.width, 5, 5)).toBe(0); // paper round the mark
    expect(alphaAt(removed.data, removed.info.width, Math.round(200 * scale), Math.round(150 * scale))).toBe(0); // the counter
    expect(alphaAt(removed.data, removed.info.width, Math.round(130 * scale), Math.round(150 * scale))).toBe(255); // the ring

    const set = json<{ updated: number; artwork: ({ id: string } & LogoArtwork)[] }>(
      'set',
      id,
      '--background',
      'full-bleed',
      '--threshold',
      '70',
    );
    expect(set.updated).toBe(1);
    expect(set.artwork[0]?.settings).toEqual({ background: 'full-bleed', threshold: 70 });

    const kept = json<ProcessReply>('process', id, '--recipe', 'remove-bg');
    expect(kept.jobs[0]?.fromCache).toBe(false);
    expect(kept.jobs[0]?.facts.outcome).toBe('kept');
    const opaque = await sharp(kept.jobs[0]?.files[0]?.file).ensureAlpha().stats();
    expect(opaque.channels[3]?.min).toBe(255);

    // The artwork recipe's decision is recorded for the details panel, for the setting in force.
    json<ProcessReply>('process', id, '--recipe', 'artwork');
    const again = json<{ artwork: ({ id: string } & LogoArtwork)[] }>(
      'set',
      id,
      '--background',
      'auto',
      '--threshold',
      'default',
    );
    expect(again.artwork[0]?.settings).toEqual({ background: 'auto', threshold: null });
    expect(again.artwork[0]?.decision).toBeNull(); // made for full-bleed: not the setting in force now
    json<ProcessReply>('process', id, '--recipe', 'artwork');
    const decided = json<{ artwork: LogoArtwork[] }>('set', id, '--background', 'auto');
    expect(decided.artwork[0]?.decision?.kind).toBe('flat');
    expect(decided.artwork[0]?.decision?.confidence).toBeGreaterThan(0.8);

    const back = json<ProcessReply>('process', id, '--recipe', 'remove-bg');
    expect(back.jobs[0]?.fromCache).toBe(true);
    expect(back.jobs[0]?.facts.outcome).toBe('removed');
  }, 120_000);

  it('a deliberately wrong trace is flagged in process --json and in the export summary', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><circle cx="150" cy="150" r="120" fill="#e63946"/>' +
      '<rect x="60" y="135" width="180" height="30" fill="#fff"/></svg>';
    const file = join(dir.path, 'badge.svg');
    await writeFile(file, svg);
    const id = json<{ outcomes: { id: string }[] }>('import', file).outcomes[0]?.id as string;
    // Speckles up to 10 000 px are dropped: the white bar's hole goes, the trace is a filled disc.
    const wrong = json<{
      jobs: { facts: { fidelity: { iou: number; belowThreshold: boolean }; warnings: string[] } }[];
    }>('process', id, '--recipe', 'trace', '--option', 'turdsize=10000', '--option', 'size=256');
    const facts = wrong.jobs[0]?.facts;
    expect(facts?.fidelity.iou).toBeLessThan(0.95);
    expect(facts?.fidelity.belowThreshold).toBe(true);
    expect(facts?.warnings.join(' ')).toMatch(/does not match the master/);
    const right = json<{ jobs: { facts: { fidelity: { iou: number; belowThreshold: boolean } } }[] }>(
      'process',
      id,
      '--recipe',
      'trace',
    );
    expect(right.jobs[0]?.facts.fidelity.iou).toBeGreaterThanOrEqual(0.99);
    expect(right.jobs[0]?.facts.fidelity.belowThreshold).toBe(false);

    const exported = json<{ warnings: { logoId: string; recipe: string; message: string }[] }>(
      'export',
      id,
      '--recipe',
      'trace',
      '--option',
      'trace.turdsize=10000',
      '--option',
      'trace.size=256',
      '--out',
      join(dir.path, 'out'),
    );
    expect(exported.warnings).toEqual([
      expect.objectContaining({ logoId: id, recipe: 'trace', message: expect.stringMatching(/does not match/) }),
    ]);
  }, 120_000);

  it('marque proof writes one self-contained sheet: each output beside its master with its score', async () => {
    const file = join(dir.path, 'coin.svg');
    await writeFile(
      file,
      '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><circle cx="128" cy="128" r="128" fill="#f7931a"/>' +
        '<rect x="96" y="60" width="64" height="136" fill="#fff"/></svg>',
    );
    const id = json<{ outcomes: { id: string }[] }>('import', file).outcomes[0]?.id as string;
    const out = join(dir.path, 'proof.html');
    const reply = json<{ path: string; logos: { logoId: string; outputs: string[] }[] }>('proof', id, '--out', out);
    expect(reply.path).toBe(out);
    expect(reply.logos).toEqual([{ logoId: id, name: 'coin', outputs: [] }]);
    const html = await readFile(out, 'utf8');
    for (const label of ['Master', 'Trace (one colour)', 'Trace (full colour)', 'Background removed', 'Package: Black'])
      expect(html).toContain(label);
    expect(html.match(/<img[^>]* src="data:image\/png;base64,/g)?.length).toBeGreaterThanOrEqual(9);
    expect(html).toMatch(/IoU \d+\.\d %/);
    // Self-contained: nothing fetched from anywhere, no script.
    expect(html).not.toMatch(/https?:|<script/i);
  }, 120_000);

  it('refuses a background it does not know, naming the choices', () => {
    const bad = marque('set', 'abcdefgh', '--background', 'sideways');
    expect(bad.code).toBe(2);
    expect(bad.stdout + bad.stderr).toMatch(/auto.*keep.*remove.*full-bleed/);
  });
});
