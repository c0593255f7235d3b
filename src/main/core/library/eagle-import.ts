import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { EagleImportReport } from '../../../shared/contract/library.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { Db } from '../database/database.ts';
import type { EventHub } from '../events.ts';
import type { CollectionsService } from './collections-service.ts';
import type { LibraryService } from './library-service.ts';
import { setTags, updateLogo } from './logo-edits.ts';

/** Metadata files are small JSON; a bigger one is not Eagle's. */
const MAX_METADATA_BYTES = 8 * 1024 * 1024;

interface EagleFolder {
  readonly id: string;
  readonly name: string;
  readonly children: readonly EagleFolder[];
}

const eagleFolder: z.ZodType<EagleFolder> = z.lazy(() =>
  z.object({
    id: z.string().min(1).max(100),
    name: z.string().trim().min(1).max(200),
    children: z.array(eagleFolder).max(10_000).default([]),
  }),
) as z.ZodType<EagleFolder>;

/**
 * The library's own metadata.json: Eagle keeps more (smart folders, tag groups); only folders
 * matter here. A folder tree this reader cannot follow costs the collections, not the logos.
 */
const libraryMetadata = z.object({ folders: z.array(eagleFolder).max(10_000).catch([]).default([]) });

/**
 * An item's metadata.json (images/<id>.info/metadata.json). Unknown keys are Eagle's business; a
 * field of an unexpected shape (other Eagle versions, hand edits) is dropped, not the logo.
 */
const itemMetadata = z.object({
  name: z.string().max(1000),
  ext: z.string().max(20),
  tags: z.array(z.string()).max(500).catch([]).default([]),
  folders: z.array(z.string()).max(1000).catch([]).default([]),
  annotation: z.string().max(10_000).catch('').default(''),
  url: z.string().max(4096).catch('').default(''),
  star: z.number().int().min(0).max(5).optional().catch(undefined),
  isDeleted: z.boolean().catch(false).default(false),
});
type EagleItem = z.infer<typeof itemMetadata>;

interface EagleImportDeps {
  readonly db: Db;
  readonly library: LibraryService;
  readonly collections: CollectionsService;
  readonly events: EventHub;
}

async function readJson(path: string): Promise<unknown> {
  const info = await stat(path);
  if (!info.isFile() || info.size > MAX_METADATA_BYTES) throw new MarqueError('INVALID_INPUT', `${path}: not metadata`);
  return JSON.parse(await readFile(path, 'utf8'));
}

/**
 * Moves a designer in from Eagle: imports every image of a `.library` folder through the usual
 * intake, then keeps what Eagle knew about it (name, tags, annotation and URL as notes, star
 * rating) and turns Eagle's folders into collections, nested as Eagle nested them.
 */
export class EagleImporter {
  readonly #deps: EagleImportDeps;

  constructor(deps: EagleImportDeps) {
    this.#deps = deps;
  }

  async import(folder: string, clientAddress: string | null = null): Promise<EagleImportReport> {
    const root = resolve(folder);
    const meta = await this.#libraryMetadata(root);
    const { items, skippedTrashed } = await this.#items(join(root, 'images'));
    const report = await this.#deps.library.importPaths(
      items.map((item) => item.file),
      [],
      clientAddress,
    );
    const logoOf = new Map<string, { id: string; fresh: boolean }>();
    for (const outcome of report.outcomes)
      if (outcome.status !== 'failed')
        logoOf.set(outcome.path, { id: outcome.logo.id, fresh: outcome.status === 'imported' });

    const collectionOf = this.#collections(meta.folders);
    const { db } = this.#deps;
    const rate = db.prepare('UPDATE logos SET rating = ? WHERE id = ?');
    const addTo = db.prepare(
      'INSERT OR IGNORE INTO logo_collections (collection_id, logo_id, added_at) VALUES (?, ?, ?)',
    );
    let rated = 0;
    const touched: string[] = [];
    const now = new Date().toISOString();
    db.transaction(() => {
      for (const { file, meta: item } of items) {
        const logo = logoOf.get(file);
        if (!logo) continue;
        touched.push(logo.id);
        // A logo that was already in the library keeps its own name and notes; Eagle adds to it.
        if (logo.fresh) updateLogo(db, logo.id, { name: displayName(item), notes: notesOf(item) });
        const tags = [...new Set(item.tags.map((tag) => tag.trim().replace(/\s+/g, ' ').slice(0, 100)))].filter(
          Boolean,
        );
        if (tags.length > 0) setTags(db, [logo.id], tags, true);
        if (item.star) {
          rate.run(item.star, logo.id);
          rated++;
        }
        for (const folderId of item.folders) {
          const collection = collectionOf.get(folderId);
          if (collection) addTo.run(collection, logo.id, now);
        }
      }
    })();
    if (touched.length > 0) this.#deps.events.emit('library.changed', { kind: 'updated', ids: touched });
    return { report, collections: collectionOf.size, rated, skippedTrashed };
  }

  async #libraryMetadata(root: string): Promise<z.infer<typeof libraryMetadata>> {
    const notEagle = () =>
      new MarqueError(
        'INVALID_INPUT',
        `${root}: is not an Eagle library (a .library folder with metadata.json and an images folder)`,
      );
    const images = await stat(join(root, 'images')).catch(() => null);
    if (!images?.isDirectory()) throw notEagle();
    const parsed = libraryMetadata.safeParse(await readJson(join(root, 'metadata.json')).catch(() => null));
    if (!parsed.success) throw notEagle();
    return parsed.data;
  }

  /** Each `<id>.info` folder's image file and metadata; items in Eagle's trash are left out. */
  async #items(imagesDir: string): Promise<{ items: { file: string; meta: EagleItem }[]; skippedTrashed: number }> {
    const items: { file: string; meta: EagleItem }[] = [];
    let skippedTrashed = 0;
    const entries = await readdir(imagesDir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory() || !entry.name.endsWith('.info')) continue;
      const dir = join(imagesDir, entry.name);
      const parsed = itemMetadata.safeParse(await readJson(join(dir, 'metadata.json')).catch(() => null));
      if (!parsed.success) continue;
      if (parsed.data.isDeleted) {
        skippedTrashed++;
        continue;
      }
      const file = await imageFileOf(dir, parsed.data);
      if (file) items.push({ file, meta: parsed.data });
    }
    return { items, skippedTrashed };
  }

  /**
   * Eagle's folder tree as collections, by Eagle folder id. A folder whose name a collection
   * already has is joined to it (importing twice adds nothing); a nested folder whose name is
   * taken elsewhere is named after its path ("Clients / Acme").
   */
  #collections(folders: readonly EagleFolder[]): Map<string, string> {
    const { db, collections } = this.#deps;
    const byId = new Map<string, string>();
    const findByName = db.prepare('SELECT id, parent_id FROM collections WHERE name = ? COLLATE NOCASE');
    const setParent = db.prepare('UPDATE collections SET parent_id = ? WHERE id = ?');
    const visit = (folder: EagleFolder, parent: { id: string; path: string } | null, depth: number) => {
      if (depth > 32 || byId.has(folder.id)) return;
      const path = parent ? `${parent.path} / ${folder.name}` : folder.name;
      let found = findByName.get(folder.name) as { id: string; parent_id: string | null } | undefined;
      let name = folder.name;
      if (found && (found.parent_id ?? null) !== (parent?.id ?? null)) {
        name = path.slice(0, 200);
        found = findByName.get(name) as { id: string; parent_id: string | null } | undefined;
      }
      const id = found?.id ?? collections.create(name).id;
      if (!found && parent) setParent.run(parent.id, id);
      byId.set(folder.id, id);
      for (const child of folder.children) visit(child, { id, path }, depth + 1);
    };
    for (const folder of folders) visit(folder, null, 0);
    return byId;
  }
}

/** The image inside an item folder: `<name>.<ext>` as Eagle writes it, else the one non-thumbnail file. */
async function imageFileOf(dir: string, item: EagleItem): Promise<string | null> {
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  const expected = `${item.name}.${item.ext}`;
  if (names.includes(expected)) return join(dir, expected);
  const images = names.filter(
    (name) => name !== 'metadata.json' && !name.endsWith('_thumbnail.png') && !name.startsWith('.'),
  );
  return images.length === 1 ? join(dir, images[0] as string) : null;
}

function displayName(item: EagleItem): string {
  return item.name.trim().slice(0, 200) || 'Untitled';
}

/** Eagle's annotation, then the page the image came from. */
function notesOf(item: EagleItem): string {
  const url = item.url.trim();
  return [item.annotation.trim(), url ? `Source: ${url}` : ''].filter(Boolean).join('\n\n');
}
