import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../src/main/core/database/database.ts';
import { migrations } from '../../../src/main/core/database/migrations/index.ts';
import { dispatch } from '../../../src/main/core/dispatch.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { corpusMarks, renderMarkPng } from '../../helpers/corpus.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const caller = { mode: 'desktop', clientAddress: null } as const;

interface OldLogo {
  id: string;
  name: string;
  hash: string;
  bytes: number;
  tags: string[];
  notes: string;
  favorite: number;
}

/**
 * A library as the first release wrote it: only migration 0010 applied, rows and the FTS index
 * written by that era's code, originals in the store.
 */
async function buildSchema0010(dataDir: string): Promise<OldLogo[]> {
  const first = migrations[0];
  if (first?.version !== 10) throw new Error('expected 0010 to be the first migration');
  await mkdir(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'library.sqlite'));
  db.pragma('journal_mode = WAL');
  db.transaction(() => {
    first.up(db);
    db.pragma('user_version = 10');
  })();
  const logos: OldLogo[] = [];
  const marks = corpusMarks().slice(500, 504);
  for (const [i, mark] of marks.entries()) {
    const png = await renderMarkPng(mark, 128);
    const hash = createHash('sha256').update(png).digest('hex');
    const path = join(dataDir, 'store', 'originals', hash.slice(0, 2), hash.slice(2, 4), hash);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, png);
    logos.push({
      id: `old${i}logo${'x'.repeat(8)}`,
      name: `${mark.name} heritage`,
      hash,
      bytes: png.length,
      tags: i % 2 === 0 ? ['archive', 'client'] : ['print'],
      notes: i === 1 ? 'approved by the board' : '',
      favorite: i === 2 ? 1 : 0,
    });
  }
  const at = '2024-03-01T10:00:00.000Z';
  db.transaction(() => {
    for (const logo of logos) {
      db.prepare('INSERT INTO blobs (hash, byte_size, created_at) VALUES (?, ?, ?)').run(logo.hash, logo.bytes, at);
      db.prepare(
        `INSERT INTO logos (id, name, format, is_vector, width, height, has_alpha, byte_size, hash, source_path, imported_at, updated_at, favorite, notes)
         VALUES (?, ?, 'png', 0, 128, 128, 1, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(logo.id, logo.name, logo.bytes, logo.hash, `/old/${logo.name}.png`, at, at, logo.favorite, logo.notes);
      for (const tag of logo.tags) db.prepare('INSERT INTO logo_tags (logo_id, tag) VALUES (?, ?)').run(logo.id, tag);
      // 0010-era code kept the FTS row itself (no triggers yet), and without the notes.
      db.prepare(
        'INSERT INTO logos_fts (rowid, name, tags, notes) VALUES ((SELECT rowid FROM logos WHERE id = ?), ?, ?, ?)',
      ).run(logo.id, logo.name, logo.tags.join(' '), '');
    }
  })();
  db.close();
  return logos;
}

describe('a library from an older schema', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio | null = null;
  beforeEach(async () => {
    dir = await tempDir('marque-migrate-');
  });
  afterEach(async () => {
    await studio?.close();
    studio = null;
    await dir.cleanup();
  });

  it('migrates forward from 0010 on open: every row intact, search and the pipeline work on the old logos', async () => {
    const dataDir = join(dir.path, 'data');
    const old = await buildSchema0010(dataDir);
    studio = await createStudio({ dataDir, intakeProcesses: 1, pipeline: { workers: 1 } });
    const latest = migrations.at(-1)?.version;
    expect(latest).toBeGreaterThan(10);
    expect(schemaVersion(studio.db)).toBe(latest);
    expect(studio.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(studio.db.pragma('foreign_key_check')).toEqual([]);
    await studio.reconciled;
    const reconciled = await studio.storage.reconcile();
    expect(reconciled?.removedLeftovers).toEqual([]);
    expect(reconciled?.missingOriginals).toEqual([]);

    const call = async (name: string, input: unknown) => {
      const result = await dispatch(studio?.handlers as Studio['handlers'], name, input, caller);
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
      return result.value as Record<string, unknown>;
    };
    const page = (await call('library.list', { sort: 'name', order: 'asc' })) as {
      items: { id: string; name: string; hash: string; tags: string[]; notes: string; favorite: boolean }[];
      total: number;
    };
    expect(page.total).toBe(old.length);
    for (const logo of old) {
      const now = page.items.find((l) => l.id === logo.id);
      expect(now).toMatchObject({ name: logo.name, hash: logo.hash, notes: logo.notes, favorite: logo.favorite === 1 });
      expect([...(now?.tags ?? [])].sort()).toEqual([...logo.tags].sort());
      const original = await readFile(studio.library.mediaFile(logo.id, 'original').path);
      expect(createHash('sha256').update(original).digest('hex')).toBe(logo.hash);
      expect(studio.library.versions(logo.id).map((v) => [v.version, v.current, v.hash])).toEqual([
        [1, true, logo.hash],
      ]);
    }
    // The FTS index was rebuilt from the tables: notes the old code never indexed are found now.
    const byNotes = (await call('library.list', { search: 'board' })) as { items: { id: string }[] };
    expect(byNotes.items.map((l) => l.id)).toEqual([old[1]?.id]);
    const byTag = (await call('library.list', { tag: 'print' })) as { total: number };
    expect(byTag.total).toBe(old.filter((l) => l.tags.includes('print')).length);

    // Edits, new imports and recipes work on the migrated library.
    await call('library.tag', { ids: [old[0]?.id], tags: ['migrated'] });
    const found = (await call('library.list', { search: 'migrated' })) as { items: { id: string }[] };
    expect(found.items.map((l) => l.id)).toEqual([old[0]?.id]);
    const newFile = join(dir.path, 'new-logo.png');
    await writeFile(newFile, await renderMarkPng(corpusMarks()[510] as never, 96));
    const report = (await call('library.import', { paths: [newFile] })) as { imported: number };
    expect(report.imported).toBe(1);
    const job = await studio.pipeline.runToCompletion(old[3]?.id as string, 'thumbnail-png', { size: 64 });
    expect(job.state).toBe('done');
    expect(studio.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 60_000);
});
