/**
 * The duplicate finder, paste-as-bytes and the Eagle importer on a real library (SQLite, store,
 * cache and the intake process), with real image files.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../src/main/core/database/migrations/index.ts';
import { DuplicateFinder } from '../../../src/main/core/library/duplicate-finder.ts';
import { EagleImporter } from '../../../src/main/core/library/eagle-import.ts';
import { THUMB_KIND, thumbKey } from '../../../src/main/core/library/library-service.ts';
import { silentLog } from '../../../src/main/core/log/logger.ts';
import type { Logo } from '../../../src/shared/domain.ts';
import { seeded, seedLogos } from '../../helpers/library-seed.ts';
import { CLI_ENTRY } from '../../helpers/node24.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { type LibraryFixture, openLibrary } from './fixture.ts';

const require = createRequire(import.meta.url);
const BITCOIN_ORANGE = '#f7931a';

function bitcoinSvg(): string {
  const mark = /<path d="([^"]+)"/.exec(readFileSync(require.resolve('simple-icons/icons/bitcoin.svg'), 'utf8'));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="${BITCOIN_ORANGE}" d="${mark?.[1]}"/></svg>`;
}

let dir: { path: string; cleanup: () => Promise<void> };
let lib: LibraryFixture;

function finder(): DuplicateFinder {
  return new DuplicateFinder({
    db: lib.db,
    store: lib.store,
    cache: lib.cache,
    thumbOf: (hash) => ({ kind: THUMB_KIND, key: thumbKey(hash) }),
    log: silentLog(),
  });
}

function imported(report: { outcomes: readonly { status: string; logo?: Logo }[] }): Logo[] {
  return report.outcomes.flatMap((o) => (o.status === 'imported' && o.logo ? [o.logo] : []));
}

beforeEach(async () => {
  dir = await tempDir();
  lib = await openLibrary(join(dir.path, 'data'));
});
afterEach(async () => {
  await lib?.close();
  await dir?.cleanup();
});

describe('migration 29', () => {
  it('adds the perceptual hash to a library of schema 28, null until measured', () => {
    const db = new Database(join(dir.path, 'm29.sqlite'));
    db.pragma('foreign_keys = ON');
    for (const m of migrations) if (m.version < 29) db.transaction(() => m.up(db))();
    const [logo] = seedLogos(db, 1);
    const m29 = migrations.find((m) => m.version === 29);
    if (!m29) throw new Error('migration 29 is missing');
    db.transaction(() => m29.up(db))();
    const hashOf = db.prepare('SELECT dhash FROM logos WHERE id = ?').pluck();
    expect(hashOf.get(logo?.id)).toBeNull();
    const setHash = db.prepare('UPDATE logos SET dhash = ? WHERE id = ?');
    expect(() => setHash.run('f'.repeat(64), logo?.id)).not.toThrow();
    expect(() => setHash.run('short', logo?.id)).toThrow(/CHECK/);
    db.close();
  });
});

describe('duplicate finder', () => {
  it('groups the same mark saved as SVG, PNG and JPEG on white, apart from other logos', async () => {
    const svg = bitcoinSvg();
    await writeFile(join(dir.path, 'bitcoin.svg'), svg);
    await sharp(Buffer.from(svg), { density: 1200 })
      .resize(512, 512)
      .png()
      .toFile(join(dir.path, 'bitcoin-export.png'));
    await sharp(Buffer.from(svg), { density: 1200 })
      .resize(400, 400)
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toFile(join(dir.path, 'bitcoin-on-white.jpg'));
    for (const icon of ['github', 'apple', 'ethereum'])
      await copyFile(require.resolve(`simple-icons/icons/${icon}.svg`), join(dir.path, `${icon}.svg`));
    const report = await lib.library.importPaths([dir.path]);
    expect(report.imported).toBe(6);

    // A logo imported before perceptual hashes: measured when the finder runs, then stored.
    const github = imported(report).find((logo) => logo.name === 'github') as Logo;
    lib.db.prepare('UPDATE logos SET dhash = NULL WHERE id = ?').run(github.id);

    const found = await finder().find(8);
    expect(found.checked).toBe(6);
    expect(found.unmeasured).toBe(0);
    expect(found.groups).toHaveLength(1);
    const [group] = found.groups;
    expect(group?.kind).toBe('similar');
    expect(group?.logos.map((logo) => logo.name).sort()).toEqual(['bitcoin', 'bitcoin-export', 'bitcoin-on-white']);
    expect(group?.distance).toBeLessThanOrEqual(8);
    expect(lib.db.prepare('SELECT dhash FROM logos WHERE id = ?').pluck().get(github.id)).toMatch(/^[0-9a-f]{64}$/);

    // Trashed logos are not candidates.
    const ids = group?.logos.map((logo) => logo.id) ?? [];
    lib.organise.trash(ids.slice(1));
    expect((await finder().find(8)).groups).toEqual([]);
  });

  it('finds every planted near copy among 2,000 logos, and a look shared by 300 of them', async () => {
    const rows = seedLogos(lib.db, 2000);
    const random = seeded(29);
    const hex = () => Array.from({ length: 64 }, () => Math.floor(random() * 16).toString(16)).join('');
    /** Flips `bits` distinct bits of a 64-digit hex hash. */
    const flip = (hash: string, bits: number) => {
      const digits = [...hash].map((d) => Number.parseInt(d, 16));
      const chosen = new Set<number>();
      while (chosen.size < bits) chosen.add(Math.floor(random() * 256));
      for (const bit of chosen) digits[bit >> 2] = (digits[bit >> 2] as number) ^ (1 << (bit & 3));
      return digits.map((d) => d.toString(16)).join('');
    };
    const looks = rows.map(() => hex());
    for (let i = 1; i <= 20; i++) looks[i * 50] = flip(looks[i * 50 - 1] as string, 1 + (i % 8));
    const shared = hex();
    for (let i = 1200; i < 1500; i++) looks[i] = shared;
    const set = lib.db.prepare('UPDATE logos SET dhash = ? WHERE id = ?');
    lib.db.transaction(() => {
      for (const [i, row] of rows.entries()) set.run(looks[i], row.id);
    })();

    const found = await finder().find(8);
    expect(found.checked).toBe(2000);
    expect(found.groups.map((group) => group.logos.length).sort((a, b) => b - a)).toEqual([300, ...Array(20).fill(2)]);
  });

  it('imports pasted bytes through the intake, and a second paste is the same logo', async () => {
    const bytes = new TextEncoder().encode(bitcoinSvg());
    const first = await lib.library.importBytes('Pasted logo.svg', bytes);
    expect(first.imported).toBe(1);
    expect(imported(first)[0]?.name).toBe('Pasted logo');
    const again = await lib.library.importBytes('../../escape.svg', bytes);
    expect(again.duplicates).toBe(1);
    expect(again.outcomes[0]?.status === 'duplicate' && again.outcomes[0].logo.name).toBe('Pasted logo');
  });
});

describe('Eagle library import', () => {
  /** An Eagle .library folder made by hand, as Eagle 4 writes it. */
  async function eagleLibrary(): Promise<string> {
    const root = join(dir.path, 'Logos.library');
    await mkdir(join(root, 'images'), { recursive: true });
    await writeFile(
      join(root, 'metadata.json'),
      JSON.stringify({
        folders: [
          {
            id: 'F1',
            name: 'Clients',
            description: '',
            children: [{ id: 'F2', name: 'Acme', description: '', children: [], tags: [] }],
            tags: [],
          },
          { id: 'F3', name: 'Crypto', children: [] },
        ],
        smartFolders: [],
        quickAccess: [],
        tagsGroups: [],
        modificationTime: 1_700_000_000_000,
        applicationVersion: '4.0.0',
      }),
    );
    const item = async (id: string, name: string, ext: string, bytes: Buffer | string, meta: object) => {
      const folder = join(root, 'images', `${id}.info`);
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, `${name}.${ext}`), bytes);
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888888' } })
        .png()
        .toFile(join(folder, `${name}_thumbnail.png`));
      await writeFile(
        join(folder, 'metadata.json'),
        JSON.stringify({ id, name, ext, size: 1, btime: 1, mtime: 1, isDeleted: false, palettes: [], ...meta }),
      );
    };
    await item('K1', 'Bitcoin mark', 'svg', bitcoinSvg(), {
      tags: ['crypto', 'orange'],
      folders: ['F3'],
      annotation: 'Primary mark, 2024',
      url: 'https://bitcoin.org',
      star: 4,
    });
    const acme = await sharp({ create: { width: 200, height: 120, channels: 4, background: '#1d4ed8' } })
      .png()
      .toBuffer();
    // A field of an unexpected shape (a star out of range, a null annotation) drops the field, not the logo.
    await item('K2', 'Acme wordmark', 'png', acme, {
      tags: ['client'],
      folders: ['F2'],
      annotation: null,
      url: '',
      star: 9,
    });
    const github = readFileSync(require.resolve('simple-icons/icons/github.svg'));
    await item('K3', 'Old github', 'svg', github, { tags: ['old'], folders: ['F1'], isDeleted: true });
    return root;
  }

  it('keeps names, tags, notes, ratings and folders as nested collections; importing again adds nothing', async () => {
    const root = await eagleLibrary();
    const eagle = new EagleImporter({
      db: lib.db,
      library: lib.library,
      collections: lib.collections,
      events: lib.events,
    });
    const result = await eagle.import(root);
    expect(result.report.imported).toBe(2);
    expect(result.skippedTrashed).toBe(1);
    expect(result.rated).toBe(1);
    expect(result.collections).toBe(3);

    const logos = lib.library.list({ sort: 'name', order: 'asc', offset: 0, limit: 10, colorTolerance: 12 }).items;
    expect(logos.map((logo) => logo.name)).toEqual(['Acme wordmark', 'Bitcoin mark']);
    const bitcoin = logos[1] as Logo;
    expect(bitcoin.tags).toEqual(['crypto', 'orange']);
    expect(bitcoin.notes).toBe('Primary mark, 2024\n\nSource: https://bitcoin.org');
    expect(lib.db.prepare('SELECT rating FROM logos WHERE id = ?').pluck().get(bitcoin.id)).toBe(4);

    const rows = lib.db
      .prepare(
        `SELECT c.name, p.name AS parent, (SELECT group_concat(l.name) FROM logo_collections lc JOIN logos l ON l.id = lc.logo_id
           WHERE lc.collection_id = c.id) AS logos
         FROM collections c LEFT JOIN collections p ON p.id = c.parent_id ORDER BY c.name`,
      )
      .all();
    expect(rows).toEqual([
      { name: 'Acme', parent: 'Clients', logos: 'Acme wordmark' },
      { name: 'Clients', parent: null, logos: null },
      { name: 'Crypto', parent: null, logos: 'Bitcoin mark' },
    ]);

    const again = await eagle.import(root);
    expect(again.report.duplicates).toBe(2);
    expect(lib.collections.list()).toHaveLength(3);
  });

  it('marque import --eagle does the same from the command line', async () => {
    const root = await eagleLibrary();
    const result = spawnSync(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        CLI_ENTRY,
        'import',
        '--eagle',
        root,
        '--json',
        '--data-dir',
        join(dir.path, 'cli-data'),
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    const reply = JSON.parse(result.stdout) as { imported: number; eagle: { collections: number; rated: number } };
    expect(reply.imported).toBe(2);
    expect(reply.eagle).toEqual({ collections: 3, rated: 1, skippedTrashed: 1 });
  });

  it('refuses a folder that is not an Eagle library, naming it', async () => {
    const eagle = new EagleImporter({
      db: lib.db,
      library: lib.library,
      collections: lib.collections,
      events: lib.events,
    });
    await expect(eagle.import(dir.path)).rejects.toThrow(/is not an Eagle library/);
  });
});
