import { existsSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THUMB_KIND, thumbKey } from '../../../src/main/core/library/library-service.ts';
import type { LibraryQuery } from '../../../src/shared/contract/index.ts';
import { libraryQuery } from '../../../src/shared/contract/library.ts';
import type { Logo } from '../../../src/shared/domain.ts';
import { corpusMarks, renderMarkPng, writeCorpus } from '../../helpers/corpus.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { type LibraryFixture, openLibrary } from './fixture.ts';

const colour = createRequire(import.meta.url)('@img/colour') as (hex: string) => { lab(): { array(): number[] } };

let dir: { path: string; cleanup: () => Promise<void> };
let lib: LibraryFixture;
let logos: Logo[];

const list = (query: LibraryQuery = {}) => lib.library.list(libraryQuery.parse(query));
const ids = (query: LibraryQuery = {}) => list({ limit: 500, ...query }).items.map((logo) => logo.id);

beforeAll(async () => {
  dir = await tempDir();
  lib = await openLibrary(join(dir.path, 'data'));
  const corpus = await writeCorpus(join(dir.path, 'in'), { svgs: 8, pngs: 4, offset: 40 });
  const report = await lib.library.importPaths([join(dir.path, 'in')], ['  Client   A ']);
  expect(report.failed, JSON.stringify(report.outcomes.filter((o) => o.status === 'failed'))).toBe(0);
  expect(report.imported).toBe(corpus.files.length);
  logos = report.outcomes.map((o) => (o.status === 'failed' ? null : o.logo)).filter((l): l is Logo => l !== null);
});

afterAll(async () => {
  await lib.close();
  await dir.cleanup();
});

describe('import', () => {
  it('records one import in the activity log, with the imported ids, and normalises tags', () => {
    const page = lib.activity.list({ kind: 'import', offset: 0, limit: 10 });
    expect(page.total).toBe(1);
    expect([...(page.items[0]?.logoIds ?? [])].sort()).toEqual(logos.map((l) => l.id).sort());
    expect(page.items[0]?.clientAddress).toBeNull();
    expect(logos[0]?.tags).toEqual(['Client A']);
  });

  it('a re-import adds nothing and says which logo each file already is', async () => {
    const before = list().total;
    const again = await lib.library.importPaths([join(dir.path, 'in')]);
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(logos.length);
    expect(list().total).toBe(before);
  });
});

describe('edit and search', () => {
  it('rename and notes are searchable at once (FTS kept in sync), the old name is not', () => {
    const [a] = logos as [Logo];
    lib.organise.update(a.id, { name: 'Zanzibar Coffee Roasters', notes: 'approved by marketing in March' });
    expect(ids({ search: 'zanz' })).toEqual([a.id]);
    expect(ids({ search: 'coffee roast' })).toEqual([a.id]);
    expect(ids({ search: 'marketing' })).toEqual([a.id]);
    expect(ids({ search: a.name.split(/[^a-z0-9]+/i).find((w) => w.length > 3) ?? a.name })).not.toContain(a.id);
    expect(lib.emitted.at(-1)).toEqual({ event: 'library.changed', payload: { kind: 'updated', ids: [a.id] } });
  });

  it('favourite is a filter', () => {
    const [, b, c] = logos as [Logo, Logo, Logo];
    lib.organise.update(b.id, { favorite: true });
    lib.organise.update(c.id, { favorite: true });
    expect(ids({ favorite: true }).sort()).toEqual([b.id, c.id].sort());
    lib.organise.update(c.id, { favorite: false });
    expect(ids({ favorite: true })).toEqual([b.id]);
  });

  it('tags many logos at once, finds them by tag filter and by text, untags them', () => {
    const some = logos.slice(0, 5).map((l) => l.id);
    expect(lib.organise.tag(some, ['Spring Campaign', 'print'])).toEqual({ updated: 5 });
    expect(lib.organise.tag(some, ['print'])).toEqual({ updated: 0 });
    expect(ids({ tag: 'print' }).sort()).toEqual([...some].sort());
    expect(ids({ tag: 'PRINT' }).sort()).toEqual([...some].sort());
    expect(ids({ search: 'campaign' }).sort()).toEqual([...some].sort());
    lib.organise.untag(some.slice(0, 2), ['print', 'spring campaign']);
    expect(ids({ tag: 'print' }).sort()).toEqual(some.slice(2).sort());
    expect(ids({ search: 'campaign' }).sort()).toEqual(some.slice(2).sort());
    expect(() => lib.organise.tag(['nosuchlogo1'], ['x'])).toThrow(/No logo with id nosuchlogo1/);
  });

  it('filters by format and vector/raster, sorts by name, date and size, and pages with totals', () => {
    const svgs = logos.filter((l) => l.format === 'svg').map((l) => l.id);
    expect(ids({ format: 'svg' }).sort()).toEqual(svgs.sort());
    expect(ids({ kind: 'vector' }).sort()).toEqual(svgs.sort());
    expect(ids({ kind: 'raster' }).length).toBe(logos.length - svgs.length);
    const all = list({ limit: 500 }).items;
    const bySize = list({ sort: 'byteSize', order: 'asc', limit: 500 }).items.map((l) => l.byteSize);
    expect(bySize).toEqual([...bySize].sort((x, y) => x - y));
    const byName = list({ sort: 'name', order: 'asc', limit: 500 }).items.map((l) => l.name.toLowerCase());
    expect(byName).toEqual([...byName].sort());
    const byDate = list({ sort: 'importedAt', order: 'desc', limit: 500 }).items.map((l) => l.importedAt);
    expect(byDate).toEqual([...byDate].sort().reverse());
    const pages = [0, 5, 10].map((offset) => list({ sort: 'name', order: 'asc', offset, limit: 5 }));
    for (const page of pages) expect(page.total).toBe(all.length);
    expect(pages.flatMap((p) => p.items.map((l) => l.id))).toEqual(
      list({ sort: 'name', order: 'asc', limit: 15 }).items.map((l) => l.id),
    );
  });
});

describe('collections', () => {
  it('create, add, filter, count, rename, remove, delete (logos stay)', () => {
    const brand = lib.collections.create('Brand refresh');
    expect(() => lib.collections.create('brand REFRESH')).toThrow(/already exists/);
    const members = logos.slice(3, 7).map((l) => l.id);
    expect(lib.collections.addLogos(brand.id, members).logoCount).toBe(4);
    expect(lib.collections.addLogos(brand.id, members.slice(0, 1)).logoCount).toBe(4);
    expect(ids({ collection: brand.id }).sort()).toEqual([...members].sort());
    expect(ids({ collection: brand.id, format: 'svg' }).every((id) => members.includes(id))).toBe(true);
    expect(lib.collections.rename(brand.id, 'Brand 2027').name).toBe('Brand 2027');
    expect(lib.collections.removeLogos(brand.id, members.slice(0, 2)).logoCount).toBe(2);
    const other = lib.collections.create('Archive');
    expect(lib.collections.list().map((c) => c.name)).toEqual(['Archive', 'Brand 2027']);
    expect(lib.collections.delete(brand.id)).toEqual({ deleted: true });
    expect(lib.collections.list().map((c) => c.id)).toEqual([other.id]);
    for (const id of members) expect(lib.library.get(id).id).toBe(id);
    expect(() => lib.collections.addLogos(other.id, ['nosuchlogo1'])).toThrow(/No logo/);
  });
});

describe('palette and colour search', () => {
  it('finds logos with a colour within the Delta E tolerance, not beyond it', () => {
    const [a, b] = logos as [Logo, Logo];
    lib.organise.setPalette(
      a.id,
      [
        { hex: '#e63946', share: 0.6 },
        { hex: '#1d3557', share: 0.4, name: 'Navy' },
      ],
      true,
    );
    lib.organise.setPalette(b.id, [{ hex: '#E53A47', share: 1 }], false);
    const palette = lib.organise.palette(a.id);
    expect(palette?.locked).toBe(true);
    expect(palette?.colors.map((c) => c.hex)).toEqual(['#e63946', '#1d3557']);
    expect(palette?.colors[1]?.name).toBe('Navy');
    expect(palette?.colors[0]?.rgb).toEqual([230, 57, 70]);
    // Lab agrees with an independent implementation (@img/colour, sharp's colour library).
    for (const color of palette?.colors ?? []) {
      const reference = colour(color.hex).lab().array();
      for (let i = 0; i < 3; i++)
        expect(Math.abs((color.lab[i] as number) - (reference[i] as number))).toBeLessThan(0.05);
    }
    expect(ids({ color: '#e63946', colorTolerance: 5 }).sort()).toEqual([a.id, b.id].sort());
    expect(ids({ color: '#e63946', colorTolerance: 0.5 })).toEqual([a.id]);
    expect(ids({ color: '1D3557', colorTolerance: 2 })).toEqual([a.id]);
    expect(ids({ color: '#00ff00', colorTolerance: 20 })).toEqual([]);
    // Exactly on the sphere boundary: distance between the two reds in Lab, computed from the stored rows.
    const red = lib.organise.palette(b.id)?.colors[0]?.lab as readonly [number, number, number];
    const ref = palette?.colors[0]?.lab as readonly [number, number, number];
    const distance = Math.hypot(red[0] - ref[0], red[1] - ref[1], red[2] - ref[2]);
    expect(ids({ color: '#e63946', colorTolerance: distance * 1.05 })).toContain(b.id);
    expect(ids({ color: '#e63946', colorTolerance: distance * 0.9 })).not.toContain(b.id);
  });

  it('an extracted palette never replaces a locked one; it does replace an unlocked one', () => {
    const [a, b] = logos as [Logo, Logo];
    const green = { hex: '#2a9d8f', rgb: [42, 157, 143], cmyk: [73, 0, 9, 38], lab: [58, -37, -4], share: 1 } as const;
    expect(lib.library.recordExtractedPalette(a.id, [green]).kept).toBe(true);
    expect(lib.library.paletteOf(a.id)?.colors[0]?.hex).toBe('#e63946');
    expect(lib.library.recordExtractedPalette(b.id, [green]).kept).toBe(false);
    expect(lib.library.paletteOf(b.id)?.colors.map((c) => c.hex)).toEqual(['#2a9d8f']);
    expect(lib.library.paletteOf(b.id)?.colors[0]?.cmyk).toEqual([73, 0, 9, 38]);
    expect(ids({ color: '#2a9d8f', colorTolerance: 1 })).toEqual([b.id]);
  });
});

describe('versions', () => {
  it('replacing a master keeps the old one as a version; the same file or another logo is refused', async () => {
    const target = logos.find((l) => l.format === 'png') as Logo;
    const mark = corpusMarks()[400];
    if (!mark) throw new Error('corpus too small');
    const next = join(dir.path, 'next.png');
    await writeFile(next, await renderMarkPng(mark, 200));
    lib.organise.setPalette(target.id, [{ hex: '#101010', share: 1 }], false);
    const replaced = await lib.library.replaceMaster(target.id, next);
    expect(replaced.hash).not.toBe(target.hash);
    expect(replaced.width).toBe(200);
    const versions = lib.library.versions(target.id);
    expect(versions.map((v) => [v.version, v.current, v.hash])).toEqual([
      [2, true, replaced.hash],
      [1, false, target.hash],
    ]);
    expect(versions[1]?.replacedAt).not.toBeNull();
    expect(existsSync(lib.store.pathOf(target.hash))).toBe(true);
    expect(existsSync(lib.store.pathOf(replaced.hash))).toBe(true);
    expect(await lib.cache.has(THUMB_KIND, thumbKey(replaced.hash))).toBe(true);
    // The unlocked palette described the old artwork; the new master's own colours replace it.
    const palette = lib.library.paletteOf(target.id);
    expect(palette?.locked ?? false).toBe(false);
    expect(palette?.colors.map((c) => c.hex) ?? []).not.toContain('#101010');
    await expect(lib.library.replaceMaster(target.id, next)).rejects.toThrow(/already the master/);
    const other = logos.find((l) => l.id !== target.id && l.sourcePath) as Logo;
    await expect(lib.library.replaceMaster(target.id, other.sourcePath as string)).rejects.toThrow(
      /already in the library/,
    );
    expect(lib.library.versions(target.id)).toHaveLength(2);
    expect(lib.activity.list({ kind: 'replace-master', offset: 0, limit: 5 }).total).toBe(1);
  });
});

describe('Trash', () => {
  it('delete hides, restore brings back, both logged and announced', () => {
    const [, , , x, y] = logos as [Logo, Logo, Logo, Logo, Logo];
    const total = list().total;
    expect(lib.organise.trash([x.id, y.id, x.id])).toEqual({ trashed: 2 });
    expect(lib.organise.trash([x.id])).toEqual({ trashed: 0 });
    expect(list().total).toBe(total - 2);
    expect(ids({ trashed: true }).sort()).toEqual([x.id, y.id].sort());
    expect(ids({ search: 'zanzibar', trashed: true })).toEqual([]);
    expect(lib.organise.restore([y.id])).toEqual({ restored: 1 });
    expect(ids({ trashed: true })).toEqual([x.id]);
    expect(lib.activity.list({ kind: 'delete', offset: 0, limit: 5 }).items[0]?.logoIds).toEqual([x.id, y.id]);
    expect(lib.activity.list({ kind: 'restore', offset: 0, limit: 5 }).items[0]?.logoIds).toEqual([y.id]);
    expect(lib.emitted.filter((e) => (e.payload as { kind: string }).kind === 'deleted')).toHaveLength(1);
    expect(() => lib.organise.trash(['nosuchlogo1'])).toThrow(/No logo with id/);
    lib.organise.restore([x.id]);
  });

  it("importing a trashed logo's file again brings it back from the Trash", async () => {
    const svg = logos.find((l) => l.format === 'svg' && l.sourcePath) as Logo;
    lib.organise.trash([svg.id]);
    const again = await lib.library.importPaths([svg.sourcePath as string]);
    expect(again.duplicates).toBe(1);
    const outcome = again.outcomes[0];
    expect(outcome?.status === 'duplicate' && outcome.logo).toMatchObject({ id: svg.id, deletedAt: null });
    expect(ids({ trashed: true })).not.toContain(svg.id);
    expect(lib.activity.list({ kind: 'restore', offset: 0, limit: 1 }).items[0]?.detail).toMatch(
      /importing them again/,
    );
  });

  it('empty Trash purges originals and derived files no one else uses, keeps those a version still needs', async () => {
    // A logo whose master is an older version of another logo: its blob must survive the purge.
    const replaced = logos.find((l) => lib.library.versions(l.id).length === 2) as Logo;
    const oldHash = lib.library.versions(replaced.id)[1]?.hash as string;
    const copy = join(dir.path, 'old-copy.bin');
    await copyFile(lib.store.pathOf(oldHash), copy);
    const twin = await lib.library.importPaths([copy]);
    expect(twin.imported).toBe(1);
    const twinId = twin.outcomes[0]?.status === 'imported' ? twin.outcomes[0].logo.id : '';
    const lonely = logos.find(
      (l) => l.id !== replaced.id && lib.library.versions(l.id).length === 1 && l.format === 'svg',
    ) as Logo;
    lib.collections.addLogos(lib.collections.list()[0]?.id as string, [lonely.id]);
    lib.organise.trash([twinId, lonely.id]);
    const report = lib.organise.emptyTrash();
    expect(report.purgedLogos).toBe(2);
    expect(report.purgedOriginals).toBe(1);
    expect(report.freedBytes).toBe(lonely.byteSize);
    expect(existsSync(lib.store.pathOf(lonely.hash))).toBe(false);
    expect(existsSync(lib.cache.pathOf(THUMB_KIND, thumbKey(lonely.hash)))).toBe(false);
    expect(existsSync(lib.store.pathOf(oldHash))).toBe(true);
    expect(() => lib.library.get(lonely.id)).toThrow(/No logo/);
    expect(ids({ trashed: true })).toEqual([]);
    expect(lib.collections.list()[0]?.logoCount).toBe(0);
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(lib.db.pragma('foreign_key_check')).toEqual([]);
    expect(lib.activity.list({ kind: 'purge', offset: 0, limit: 5 }).items[0]?.logoIds.length).toBe(2);
    // Nothing left half-done: the FTS index has no row for the purged logos.
    const fts = lib.db.prepare('SELECT count(*) AS n FROM logos_fts').get() as { n: number };
    const rows = lib.db.prepare('SELECT count(*) AS n FROM logos').get() as { n: number };
    expect(fts.n).toBe(rows.n);
  });
});

describe('activity log', () => {
  it('pages newest first, filters by kind, and records exports and share downloads from other services', () => {
    lib.library.recordActivity({ kind: 'export', logoIds: [logos[0]?.id as string], detail: 'favicon pack to /out' });
    lib.library.recordShareDownload({
      clientAddress: '192.168.1.20',
      logoIds: [logos[1]?.id as string],
      detail: 'logo.svg',
    });
    const all = lib.activity.list({ offset: 0, limit: 2 });
    expect(all.items.map((e) => e.kind)).toEqual(['share-download', 'export']);
    expect(all.items[0]?.clientAddress).toBe('192.168.1.20');
    expect(all.total).toBeGreaterThan(5);
    const next = lib.activity.list({ offset: 2, limit: 2 });
    expect(next.items[0]?.id).toBeLessThan(all.items[1]?.id as number);
    expect(lib.activity.list({ kind: 'share-download', offset: 0, limit: 10 }).total).toBe(1);
  });
});
