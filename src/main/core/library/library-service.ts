import { randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import type { ImportOutcome, ImportReport, Logo, Page } from '../../../shared/domain.ts';
import { MarqueError, toErrorEnvelope } from '../../../shared/errors.ts';
import type { EventHub } from '../events.ts';
import type { Intake } from '../intake/intake-pool.ts';
import type { IntakeResult } from '../intake/protocol.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { DerivedCache } from '../store/derived-cache.ts';
import type { Db } from './database.ts';
import { expandPaths } from './expand-paths.ts';
import { LOGO_SELECT, type LogoRow, rowToLogo } from './logo-rows.ts';
import { buildFilter, orderBy, type ParsedLibraryQuery } from './query.ts';

export const THUMB_KIND = 'thumbs';

export function thumbKey(hash: string): string {
  return `${hash}-256.webp`;
}

export function newLogoId(): string {
  return randomBytes(12).toString('base64url');
}

/** A display name from a file name: no extension, separators as spaces, trimmed. */
export function nameFromFile(path: string): string {
  const stem = basename(path, extname(path)).replace(/[_]+/g, ' ').trim();
  return (stem || 'Untitled').slice(0, 200);
}

interface LibraryDeps {
  readonly dataDir: string;
  readonly db: Db;
  readonly store: BlobStore;
  readonly cache: DerivedCache;
  readonly intake: Intake;
  readonly events: EventHub;
  /** How many files are in the intake at once (the intake pool size). */
  readonly parallelism: number;
}

/** The logo library: import through the intake, then metadata in SQLite and bytes in the store. */
export class LibraryService {
  readonly #deps: LibraryDeps;

  constructor(deps: LibraryDeps) {
    this.#deps = deps;
  }

  async importPaths(paths: readonly string[], tags: readonly string[] = []): Promise<ImportReport> {
    const files = await expandPaths(
      paths.map((path) => resolve(path)),
      this.#deps.dataDir,
    );
    const outcomes: ImportOutcome[] = new Array(files.length);
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const index = next++;
        outcomes[index] = await this.#importOne(files[index] as string, tags);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.#deps.parallelism) }, worker));
    const imported = outcomes.filter((o) => o.status === 'imported');
    if (imported.length > 0) {
      this.#deps.events.emit('library.changed', { kind: 'imported', ids: imported.map((o) => o.logo.id) });
    }
    return {
      outcomes,
      imported: imported.length,
      duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
      failed: outcomes.filter((o) => o.status === 'failed').length,
    };
  }

  async #importOne(path: string, tags: readonly string[]): Promise<ImportOutcome> {
    try {
      const stored = await this.#intakeAndStore(path);
      if (stored.status === 'duplicate') return { status: 'duplicate', path, logo: stored.logo };
      // Re-checked inside the insert: two copies of one file in the same batch race to here.
      const raced = this.#byHash(stored.result.master.hash);
      if (raced) return { status: 'duplicate', path, logo: raced };
      const logo = this.#insert(path, stored.result, tags);
      return { status: 'imported', path, logo };
    } catch (error) {
      const { code, message } = toErrorEnvelope(error);
      return { status: 'failed', path, code, message: message.includes(basename(path)) ? message : `${basename(path)}: ${message}` };
    }
  }

  /**
   * The one intake path, shared by import and replace-master: first contact in the isolated
   * intake, then the master into the content-addressed store and its derived images into the cache.
   * A file whose bytes are already a live logo's master stops before the store.
   */
  async #intakeAndStore(path: string): Promise<{ status: 'duplicate'; logo: Logo } | { status: 'stored'; result: IntakeResult }> {
    let result: IntakeResult | null = null;
    try {
      result = await this.#deps.intake.inspect(path, this.#deps.store.tmpDir);
      const existing = this.#byHash(result.master.hash);
      if (existing) {
        await this.#discard(result);
        return { status: 'duplicate', logo: existing };
      }
      await this.#deps.store.adopt(result.master.tempFile, result.master.hash);
      await this.#deps.cache.adopt(THUMB_KIND, thumbKey(result.master.hash), result.thumbTempFile, result.master.hash);
      return { status: 'stored', result };
    } catch (error) {
      if (result) await this.#discard(result);
      throw error;
    }
  }

  async #discard(result: IntakeResult): Promise<void> {
    await unlink(result.master.tempFile).catch(() => {});
    await unlink(result.thumbTempFile).catch(() => {});
  }

  #byHash(hash: string): Logo | null {
    const row = this.#deps.db.prepare(`${LOGO_SELECT} WHERE l.hash = ?`).get(hash) as LogoRow | undefined;
    return row ? rowToLogo(row) : null;
  }

  #insert(path: string, result: IntakeResult, tags: readonly string[]): Logo {
    const { db } = this.#deps;
    const id = newLogoId();
    const now = new Date().toISOString();
    const name = nameFromFile(path);
    db.transaction(() => {
      db.prepare('INSERT OR IGNORE INTO blobs (hash, byte_size, created_at) VALUES (?, ?, ?)').run(
        result.master.hash,
        result.master.byteSize,
        now,
      );
      const info = db
        .prepare(
          `INSERT INTO logos (id, name, format, is_vector, width, height, has_alpha, byte_size, hash, source_path, imported_at, updated_at)
           VALUES (@id, @name, @format, @isVector, @width, @height, @hasAlpha, @byteSize, @hash, @sourcePath, @now, @now)`,
        )
        .run({
          id,
          name,
          format: result.format,
          isVector: result.isVector ? 1 : 0,
          width: result.width,
          height: result.height,
          hasAlpha: result.hasAlpha ? 1 : 0,
          byteSize: result.master.byteSize,
          hash: result.master.hash,
          sourcePath: path,
          now,
        });
      const addTag = db.prepare('INSERT OR IGNORE INTO logo_tags (logo_id, tag) VALUES (?, ?)');
      for (const tag of tags) addTag.run(id, tag.trim());
      db.prepare('INSERT INTO logos_fts (rowid, name, tags, notes) VALUES (?, ?, ?, ?)').run(
        info.lastInsertRowid,
        name,
        tags.join(' '),
        '',
      );
    })();
    return this.get(id);
  }

  get(id: string): Logo {
    const row = this.#deps.db.prepare(`${LOGO_SELECT} WHERE l.id = ?`).get(id) as LogoRow | undefined;
    if (!row) throw new MarqueError('NOT_FOUND', `No logo with id ${id}`);
    return rowToLogo(row);
  }

  list(query: ParsedLibraryQuery): Page<Logo> {
    const { where, params } = buildFilter(query);
    const { db } = this.#deps;
    const total = (db.prepare(`SELECT count(*) AS n FROM logos l WHERE ${where}`).get(params) as { n: number }).n;
    const rows = db
      .prepare(`${LOGO_SELECT} WHERE ${where} ORDER BY ${orderBy(query)} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: query.limit, offset: query.offset }) as LogoRow[];
    return { items: rows.map(rowToLogo), total, offset: query.offset, limit: query.limit };
  }

  /** Where a logo's media lives on disk, for the transports that serve it. */
  mediaFile(id: string, kind: 'thumb' | 'original'): { path: string; mime: string; filename: string } {
    const logo = this.get(id);
    if (kind === 'thumb') return { path: this.#deps.cache.pathOf(THUMB_KIND, thumbKey(logo.hash)), mime: 'image/webp', filename: `${logo.name}-thumb.webp` };
    const ext = logo.format === 'jpeg' ? 'jpg' : logo.format;
    return { path: this.#deps.store.pathOf(logo.hash), mime: MIME[logo.format] ?? 'application/octet-stream', filename: `${logo.name}.${ext}` };
  }
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  tiff: 'image/tiff',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
};
