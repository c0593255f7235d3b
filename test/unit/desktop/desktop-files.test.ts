/**
 * The desktop gestures' core, in plain Node: the OS side is a fake DesktopHost that records what
 * it was asked to open or reveal (Electron's shell cannot run here); the studio, store, cache,
 * intake and worker pool are real.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesktopHost } from '../../../src/main/core/desktop/desktop-host.ts';
import { dispatch } from '../../../src/main/core/dispatch.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import type { CallContext } from '../../../src/shared/contract/index.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const desktop: CallContext = { mode: 'desktop', clientAddress: null };
const browser: CallContext = { mode: 'browser', clientAddress: '127.0.0.1' };

describe('desktop file gestures', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio;
  let host: DesktopHost & { opened: string[]; revealed: string[]; failWith: string };
  let logoId: string;
  let logoName: string;

  beforeEach(async () => {
    dir = await tempDir('marque-desktop-');
    host = {
      opened: [],
      revealed: [],
      failWith: '',
      async openPath(path) {
        this.opened.push(path);
        return this.failWith;
      },
      showItemInFolder(path) {
        this.revealed.push(path);
      },
    };
    studio = await createStudio({
      dataDir: join(dir.path, 'data'),
      desktop: host,
      intakeProcesses: 1,
      pipeline: { workers: 1 },
    });
    const corpus = await writeCorpus(join(dir.path, 'logos'), { svgs: 1, offset: 600 });
    const report = await studio.library.importPaths(corpus.files);
    const outcome = report.outcomes[0];
    if (outcome?.status !== 'imported') throw new Error('the fixture logo did not import');
    logoId = outcome.logo.id;
    logoName = outcome.logo.name;
  });
  afterEach(async () => {
    await studio.close();
    await dir.cleanup();
  });

  const call = (method: string, input: unknown, context = desktop) => dispatch(studio.handlers, method, input, context);

  it('opens a copy of the original under its real name, never the stored blob, in the desktop app only', async () => {
    const opened = await call('files.open', { item: { kind: 'original', id: logoId } });
    expect(opened).toEqual({ ok: true, value: { done: 'desktop', url: `/media/original/${logoId}` } });
    const [path] = host.opened;
    expect(path).toBe(join(studio.dataDir, 'handout', logoId, `${logoName}.svg`));
    const stored = studio.store.pathOf(studio.library.get(logoId).hash);
    expect(await readFile(path as string)).toEqual(await readFile(stored));
    // A separate file: an editor saving in place cannot change the library's master.
    expect((await stat(path as string)).ino).not.toBe((await stat(stored)).ino);

    expect(await call('files.reveal', { item: { kind: 'original', id: logoId } })).toMatchObject({ ok: true });
    expect(host.revealed).toEqual([path]);

    // Browser mode: the reply says to download; the OS is never asked.
    expect(await call('files.open', { item: { kind: 'original', id: logoId } }, browser)).toEqual({
      ok: true,
      value: { done: 'download', url: `/media/original/${logoId}` },
    });
    expect(host.opened).toHaveLength(1);
  });

  it('says when the OS could not open the file', async () => {
    host.failWith = 'No application knows how to open this file';
    const reply = await call('files.open', { item: { kind: 'original', id: logoId } });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'IO_ERROR', message: `${logoName}.svg: No application knows how to open this file` },
    });
  });

  it('locates output files by the paths the job recorded, and nothing else', async () => {
    const job = await studio.pipeline.runToCompletion(logoId, 'normalize');
    const [file] = job.files;
    if (!file) throw new Error('normalize produced no file');
    const located = await call('files.locate', {
      items: [
        { kind: 'output', id: job.id, file: file.path },
        { kind: 'original', id: logoId },
      ],
    });
    expect(located.ok).toBe(true);
    const files = (located as { value: { files: { path: string; filename: string }[] } }).value.files;
    expect(files.map((f) => f.path)).toEqual([
      join(studio.dataDir, 'handout', job.id, file.path),
      join(studio.dataDir, 'handout', logoId, `${logoName}.svg`),
    ]);
    const served = await studio.media.resolve('output', job.id, encodeURIComponent(file.path));
    expect(await readFile(files[0]?.path as string)).toEqual(await readFile(served.path));
    for (const bad of ['../../library.sqlite', 'not-produced.png', '/etc/passwd']) {
      const reply = await call('files.locate', { items: [{ kind: 'output', id: job.id, file: bad }] });
      expect(reply.ok, bad).toBe(false);
    }
    expect(await call('files.locate', { items: [{ kind: 'original', id: 'nosuchlogo1' }] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
