import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/core/dispatch.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { type CallContext, methods, readOnlyMethodNames } from '../../../src/shared/contract/index.ts';
import type { LibraryChange, Logo, Page } from '../../../src/shared/domain.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let dir: { path: string; cleanup: () => Promise<void> };
let studio: Studio;
const changes: LibraryChange[] = [];
const desktop: CallContext = { mode: 'desktop', clientAddress: null };
const remote: CallContext = { mode: 'browser', clientAddress: '127.0.0.1' };

async function call<T>(name: string, input: unknown, context: CallContext = desktop): Promise<T> {
  const result = await dispatch(studio.handlers, name, input, context);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
}

beforeAll(async () => {
  dir = await tempDir();
  studio = await createStudio({ dataDir: join(dir.path, 'data'), intakeProcesses: 1 });
  studio.events.subscribe((event, payload) => {
    if (event === 'library.changed') changes.push(payload as LibraryChange);
  });
  await writeCorpus(join(dir.path, 'in'), { svgs: 4, offset: 120 });
});

afterAll(async () => {
  await studio?.close();
  await dir.cleanup();
});

describe('library, collections, activity and storage through the contract', () => {
  it('mutations are write access; storage and the activity log are never served to the share', () => {
    for (const name of [
      'library.update',
      'library.tag',
      'library.untag',
      'library.delete',
      'library.restore',
      'library.emptyTrash',
      'library.replaceMaster',
      'library.setPalette',
      'collections.create',
      'collections.addLogos',
      'storage.clear',
      'storage.setCap',
    ] as const) {
      expect(methods[name].access, name).toBe('write');
    }
    expect(readOnlyMethodNames).toEqual(
      expect.arrayContaining(['library.list', 'library.versions', 'library.palette', 'collections.list']),
    );
    for (const name of ['activity.list', 'storage.stats', 'storage.health'] as const)
      expect(readOnlyMethodNames).not.toContain(name);
  });

  it('imports, edits, organises and logs, announcing every change', async () => {
    const report = await call<{ imported: number }>(
      'library.import',
      { paths: [join(dir.path, 'in')], tags: ['web'] },
      remote,
    );
    expect(report.imported).toBe(4);
    const page = await call<Page<Logo>>('library.list', { tag: 'web' });
    const [a, b] = page.items as [Logo, Logo];
    const renamed = await call<Logo>('library.update', { id: a.id, name: '  Northwind  ', favorite: true });
    expect(renamed).toMatchObject({ name: 'Northwind', favorite: true });
    expect(await call('library.tag', { ids: [a.id, b.id], tags: ['print'] })).toEqual({ updated: 2 });
    const collection = await call<{ id: string }>('collections.create', { name: 'Launch' });
    await call('collections.addLogos', { id: collection.id, logoIds: [a.id] });
    expect(
      (await call<Page<Logo>>('library.list', { collection: collection.id, search: 'northw' })).items.map((l) => l.id),
    ).toEqual([a.id]);
    await call('library.setPalette', { id: b.id, colors: [{ hex: 'E63946', share: 1 }] });
    expect(
      (await call<Page<Logo>>('library.list', { color: '#e63946', colorTolerance: 3 })).items.map((l) => l.id),
    ).toEqual([b.id]);
    expect(await call('library.delete', { ids: [b.id] }, remote)).toEqual({ trashed: 1 });
    expect(await call('library.emptyTrash', {})).toMatchObject({ purgedLogos: 1, purgedOriginals: 1 });
    expect(changes.map((c) => c.kind)).toEqual([
      'imported',
      'updated',
      'updated',
      'updated',
      'updated',
      'updated',
      'deleted',
      'purged',
    ]);
    const log = await call<Page<{ kind: string; clientAddress: string | null }>>('activity.list', {});
    expect(log.items.map((e) => e.kind)).toEqual(['purge', 'delete', 'import']);
    expect(log.items[1]?.clientAddress).toBe('127.0.0.1');
    expect(log.items[2]?.clientAddress).toBe('127.0.0.1');
  });

  it('rejects bad input at the boundary with INVALID_INPUT naming the field', async () => {
    await expect(call('library.update', { id: 'abcdefgh', name: '   ' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(call('library.list', { color: 'red' })).rejects.toThrow(/color/);
    await expect(call('library.tag', { ids: [], tags: ['x'] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(call('storage.setCap', { bytes: 10 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(call('storage.clear', { olderThanDays: -1 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(call('library.versions', { id: 'nosuchlogo1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('storage stats, health, cap and clear answer', async () => {
    await studio.reconciled;
    const stats = await call<{ originals: { count: number }; thumbnails: { count: number }; capBytes: number }>(
      'storage.stats',
      {},
    );
    expect(stats.originals.count).toBe(3);
    expect(stats.thumbnails.count).toBeGreaterThanOrEqual(3);
    expect((await call<{ capBytes: number }>('storage.setCap', { bytes: 64 * 1024 ** 2 })).capBytes).toBe(
      64 * 1024 ** 2,
    );
    expect(await call<{ status: string }>('storage.health', {})).toMatchObject({ status: 'healthy' });
    const cleared = await call<{ removed: number }>('storage.clear', { olderThanDays: 0 });
    expect(cleared.removed).toBeGreaterThanOrEqual(3);
    expect((await call<{ thumbnails: { count: number } }>('storage.stats', {})).thumbnails.count).toBe(0);
  });
});
