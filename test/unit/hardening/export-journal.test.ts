import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportJournal } from '../../../src/main/core/exporter/export-journal.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir('marque-journal-');
});
afterEach(() => tmp.cleanup());

const TEMP = '.marque-0b5c3f0e-1d2a-4c5b-8e9f-0123456789ab.tmp';

async function entry(dir: string, pid: number, folders: string[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${pid}-x.json`), JSON.stringify({ pid, folders }));
}

describe('export journal (temp files of exports that died with their process)', () => {
  it("removes only the exporter's own temp names in the journaled folders of a dead process", async () => {
    const out = join(tmp.path, 'out');
    await mkdir(join(out, 'Acme'), { recursive: true });
    const keep = ['.marque-notes.tmp', 'draft.tmp', '.marque-0b5c3f0e.tmp', 'logo.png'];
    for (const name of [...keep, TEMP]) await writeFile(join(out, 'Acme', name), 'x');
    await mkdir(join(out, 'Acme', `.marque-${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}.tmp`));
    // A pid that is surely dead: a child that has exited.
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid as number;
    await new Promise((resolve) => child.on('exit', resolve));
    const dir = join(tmp.path, 'journal');
    await entry(dir, pid, [out, join(out, 'Acme'), join(tmp.path, 'gone')]);
    const { removed } = await new ExportJournal(dir).recover();
    expect(removed).toEqual([join(out, 'Acme', TEMP)]);
    expect((await readdir(join(out, 'Acme'))).sort()).toEqual(
      [...keep, `.marque-${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}.tmp`].sort(),
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves the entries of a live process (the CLI beside the app) and of this process alone', async () => {
    const out = join(tmp.path, 'out');
    await mkdir(out);
    await writeFile(join(out, TEMP), 'in flight');
    const dir = join(tmp.path, 'journal');
    await entry(dir, process.ppid, [out]);
    const journal = new ExportJournal(dir);
    const forget = await journal.begin([out]);
    expect((await journal.recover()).removed).toEqual([]);
    expect(await readdir(out)).toEqual([TEMP]);
    expect((await readdir(dir)).length).toBe(2);
    await forget();
    expect(await readdir(dir)).toEqual([`${process.ppid}-x.json`]);
  });

  it('keeps a dead folder export with its plan, marked interrupted, until it is resumed or forgotten', async () => {
    const out = join(tmp.path, 'out');
    await mkdir(out);
    await writeFile(join(out, TEMP), 'half');
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid as number;
    await new Promise((resolve) => child.on('exit', resolve));
    const dir = join(tmp.path, 'journal');
    await mkdir(dir);
    const name = '0b5c3f0e-1d2a-4c5b-8e9f-0123456789ab.json';
    const resume = {
      destination: out,
      key: 'k'.repeat(64),
      now: '2026-01-02T03:04:05.000Z',
      paths: ['a.png', 'manifest.json'],
    };
    await writeFile(
      join(dir, name),
      JSON.stringify({ pid, folders: [out], startedAt: '2026-01-02T03:04:05.000Z', resume }),
    );
    const journal = new ExportJournal(dir);
    expect((await journal.recover()).removed).toEqual([join(out, TEMP)]);
    // Marked with pid 0: a later process that happens to get the same pid cannot make it look alive.
    expect(JSON.parse(await readFile(join(dir, name), 'utf8'))).toMatchObject({ pid: 0, resume });
    expect(await journal.interrupted(out)).toEqual([{ ...resume, entry: name, startedAt: '2026-01-02T03:04:05.000Z' }]);
    expect(await journal.interrupted(join(tmp.path, 'elsewhere'))).toEqual([]);
    await journal.forget(name);
    expect(await readdir(dir)).toEqual([]);
  });
});
