import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importJournalDir } from '../../../src/main/core/store/import-journal.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** The pid of a process that has exited. */
function deadPid(): number {
  return Number(
    spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout,
  );
}

/**
 * Turns an imported logo back into what a kill between the blob rename and the row commit leaves:
 * the complete blob in the store, no logo row, no blob row. Also forces the next start to reconcile.
 */
function dropRows(dataDir: string, logoId: string, hash: string): void {
  const raw = new Database(join(dataDir, 'library.sqlite'));
  raw.prepare('DELETE FROM logos WHERE id = ?').run(logoId);
  raw.prepare('DELETE FROM blobs WHERE hash = ?').run(hash);
  raw.prepare("DELETE FROM settings WHERE key = 'storage.lastReconcile'").run();
  raw.close();
}

describe('a blob a crash left without its row (killed between the store rename and the row commit)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio | null = null;
  beforeEach(async () => {
    dir = await tempDir('marque-leftover-');
  });
  afterEach(async () => {
    await studio?.close();
    studio = null;
    await dir.cleanup();
  });

  it('with its import journal entry: adopted at start-up as the logo that was being imported; health ok', async () => {
    const dataDir = join(dir.path, 'data');
    const [file] = (await writeCorpus(join(dir.path, 'in'), { svgs: 1, offset: 33 })).svgs;
    studio = await createStudio({ dataDir, intakeProcesses: 1 });
    const report = await studio.library.importPaths([file as string], ['client-a']);
    const outcome = report.outcomes[0];
    if (outcome?.status !== 'imported') throw new Error('import failed');
    const logo = outcome.logo;
    await studio.close();
    studio = null;
    dropRows(dataDir, logo.id, logo.hash);
    // The entry the killed import wrote before the rename (its process is gone).
    await mkdir(importJournalDir(dataDir), { recursive: true });
    await writeFile(
      join(importJournalDir(dataDir), '0b5c3f0e-1d2a-4c5b-8e9f-0123456789ab.json'),
      JSON.stringify({
        pid: deadPid(),
        path: file,
        tags: ['client-a'],
        result: {
          format: logo.format,
          isVector: logo.isVector,
          width: logo.width,
          height: logo.height,
          hasAlpha: logo.hasAlpha,
          master: { hash: logo.hash, byteSize: logo.byteSize },
          source: null,
        },
      }),
    );

    studio = await createStudio({ dataDir, intakeProcesses: 1 });
    const reconciled = await studio.reconciled;
    expect(reconciled?.removedLeftovers).toEqual([]);
    const rows = studio.db.prepare('SELECT id, name, hash FROM logos').all() as { id: string; hash: string }[];
    expect(rows).toHaveLength(1);
    const adopted = studio.library.get(rows[0]?.id as string);
    expect(adopted).toMatchObject({ hash: logo.hash, name: logo.name, width: logo.width, tags: ['client-a'] });
    expect(studio.db.prepare('SELECT count(*) AS n FROM blobs WHERE hash = ?').get(logo.hash)).toEqual({ n: 1 });
    expect(await readdir(importJournalDir(dataDir))).toEqual([]);
    // Its thumbnail is made again from the adopted master.
    expect((await sharp(await studio.library.ensureThumb(adopted.id)).metadata()).format).toBe('webp');
    expect(await studio.storage.health()).toEqual({ status: 'healthy', reasons: [] });
    // Importing the same file again finds it.
    const again = await studio.library.importPaths([file as string]);
    expect(again.outcomes[0]).toMatchObject({ status: 'duplicate', logo: { id: adopted.id } });
  });

  it('without a journal entry (an older version or a power loss): removed at start-up, health ok, re-import works', async () => {
    const dataDir = join(dir.path, 'data');
    const [file] = (await writeCorpus(join(dir.path, 'in'), { svgs: 1, offset: 34 })).svgs;
    studio = await createStudio({ dataDir, intakeProcesses: 1 });
    const report = await studio.library.importPaths([file as string]);
    const outcome = report.outcomes[0];
    if (outcome?.status !== 'imported') throw new Error('import failed');
    const { id, hash } = outcome.logo;
    const blob = studio.store.pathOf(hash);
    await studio.close();
    studio = null;
    dropRows(dataDir, id, hash);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(blob, anHourAgo, anHourAgo);

    studio = await createStudio({ dataDir, intakeProcesses: 1 });
    expect((await studio.reconciled)?.removedLeftovers).toEqual([hash]);
    expect(existsSync(blob)).toBe(false);
    expect(await studio.store.quarantined()).toEqual([]);
    expect(await studio.storage.health()).toEqual({ status: 'healthy', reasons: [] });
    const again = await studio.library.importPaths([file as string]);
    expect(again.outcomes[0]).toMatchObject({ status: 'imported', logo: { hash } });
    expect(existsSync(blob)).toBe(true);
  });
});
