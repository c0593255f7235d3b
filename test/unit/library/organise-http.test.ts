/** The organising methods over the HTTP transport: validated inputs, real SQLite, real server. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MarqueServer, startMarqueServer } from '../../../src/main/core/server/http-server.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import type { Collection } from '../../../src/shared/contract/collections.ts';
import { methods } from '../../../src/shared/contract/index.ts';
import type { SmartCollection } from '../../../src/shared/contract/smart-collections.ts';
import type { TagChange, TagCount } from '../../../src/shared/contract/tags.ts';
import type { Logo, Page } from '../../../src/shared/domain.ts';
import { type SeededLogo, seedLogos } from '../../helpers/library-seed.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

let dir: Awaited<ReturnType<typeof tempDir>>;
let studio: Studio;
let server: MarqueServer;
let logos: SeededLogo[];

/** POSTs a contract call; resolves to the status and the parsed JSON body. */
async function api<T>(name: string, input: unknown): Promise<{ status: number; body: T }> {
  const reply = await fetch(`${server.url}api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(input),
  });
  return { status: reply.status, body: (await reply.json()) as T };
}
async function ok<T>(name: string, input: unknown): Promise<T> {
  const reply = await api<T>(name, input);
  expect(reply.status, `${name} ${JSON.stringify(reply.body)}`).toBe(200);
  return reply.body;
}
async function refused(name: string, input: unknown): Promise<string> {
  const reply = await api<{ error: { code: string; message: string } }>(name, input);
  expect(reply.status, name).toBe(400);
  return reply.body.error.message;
}
const id = (n: number) => (logos[n] as SeededLogo).id;

beforeAll(async () => {
  dir = await tempDir();
  studio = await createStudio({ dataDir: join(dir.path, 'data'), intakeProcesses: 1 });
  logos = seedLogos(studio.db, 30);
  server = await startMarqueServer({ studio, mode: 'browser', port: 0, staticDir: join(dir.path, 'no-ui') });
});
afterAll(async () => {
  await server?.close();
  await studio?.close();
  await dir.cleanup();
});

describe('organising over HTTP', () => {
  it('reads are shared with teammates, every change is write access', () => {
    for (const name of ['collections.forLogo', 'smartCollections.list', 'tags.list'] as const)
      expect(methods[name].access, name).toBe('read');
    for (const name of [
      'library.rate',
      'collections.move',
      'collections.restore',
      'smartCollections.create',
      'smartCollections.rename',
      'smartCollections.delete',
      'tags.rename',
      'tags.delete',
    ] as const)
      expect(methods[name].access, name).toBe('write');
  });

  it('rates logos, filters by a minimum rating and sorts by rating', async () => {
    expect(await ok('library.rate', { ids: [id(0), id(1)], rating: 4 })).toEqual({ updated: 2 });
    expect(await ok('library.rate', { ids: [id(2)], rating: 5 })).toEqual({ updated: 1 });
    await refused('library.rate', { ids: [id(0)], rating: 6 });
    await refused('library.rate', { ids: [id(0)], rating: 2.5 });
    const rated = await ok<Page<Logo>>('library.list', { minRating: 4, sort: 'rating', order: 'desc' });
    expect(rated.total).toBe(3);
    expect(rated.items.map((logo) => [logo.id, logo.rating])[0]).toEqual([id(2), 5]);
    expect((await ok<Logo>('library.get', { id: id(0) })).rating).toBe(4);
    expect(await refused('library.list', { importedFrom: '1 May' })).toMatch(/YYYY-MM-DD/);
    expect((await ok<Page<Logo>>('library.list', { importedTo: '2023-12-31' })).total).toBe(0);
  });

  it('nests collections, says which hold a logo, deletes and restores them', async () => {
    const parent = await ok<Collection>('collections.create', { name: 'Client A' });
    const child = await ok<Collection>('collections.create', { name: 'Print', parentId: parent.id });
    expect(child.parentId).toBe(parent.id);
    await ok('collections.addLogos', { id: child.id, logoIds: [id(3)] });
    expect((await ok<Collection[]>('collections.forLogo', { logoId: id(3) })).map((c) => c.name)).toEqual(['Print']);
    expect(await refused('collections.move', { id: parent.id, parentId: child.id })).toMatch(/inside itself/);
    await refused('collections.create', { name: 'x', parentId: '../etc' });
    expect(await ok('collections.delete', { id: parent.id })).toEqual({ deleted: true });
    expect(await ok<Collection[]>('collections.list', {})).toEqual([]);
    await ok('collections.restore', { id: parent.id });
    expect((await ok<Collection[]>('collections.list', {})).map((c) => [c.name, c.logoCount])).toEqual([
      ['Client A', 0],
      ['Print', 1],
    ]);
  });

  it('saves a search as a smart collection whose count follows the library', async () => {
    await refused('smartCollections.create', { name: 'Bad', query: { minRating: 4, bogus: true } });
    await refused('smartCollections.create', { name: 'Bad', query: { limit: 5 } });
    await refused('smartCollections.create', { name: '   ', query: {} });
    const smart = await ok<SmartCollection>('smartCollections.create', {
      name: 'Top rated',
      query: { minRating: 4, sort: 'rating' },
    });
    expect(smart).toMatchObject({ name: 'Top rated', logoCount: 3, query: { minRating: 4, sort: 'rating' } });
    await ok('library.rate', { ids: [id(9)], rating: 5 });
    expect((await ok<SmartCollection[]>('smartCollections.list', {})).map((s) => s.logoCount)).toEqual([4]);
    expect((await ok<SmartCollection>('smartCollections.rename', { id: smart.id, name: 'Best' })).name).toBe('Best');
    expect(await ok('smartCollections.delete', { id: smart.id })).toEqual({ deleted: true });
  });

  it('manages tags: counts, rename, merge and delete', async () => {
    const before = await ok<TagCount[]>('tags.list', {});
    const web = before.find((t) => t.tag === 'web')?.logoCount ?? 0;
    expect(web).toBeGreaterThan(0);
    const renamed = await ok<TagChange>('tags.rename', { from: 'web', to: '  Online  ' });
    expect(renamed.logoIds).toHaveLength(web);
    const after = await ok<TagCount[]>('tags.list', {});
    expect(after.find((t) => t.tag === 'Online')?.logoCount).toBe(web);
    expect(after.find((t) => t.tag === 'web')).toBeUndefined();
    await refused('tags.rename', { from: 'web', to: '' });
    const deleted = await ok<TagChange>('tags.delete', { tag: 'Online' });
    expect(deleted.logoIds).toHaveLength(web);
  });
});
