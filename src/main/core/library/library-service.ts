import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { ArtworkSettings, BackgroundDecision } from '../../../shared/artwork.ts';
import type { ActivityEntry } from '../../../shared/contract/activity.ts';
import type { LogoVersion } from '../../../shared/contract/library.ts';
import type { ImportOutcome, ImportReport, Logo, Page } from '../../../shared/domain.ts';
import { MarqueError, toErrorEnvelope } from '../../../shared/errors.ts';
import type { Palette, PaletteColor } from '../../../shared/palette.ts';
import type { Db } from '../database/database.ts';
import type { EventHub } from '../events.ts';
import type { Intake } from '../intake/intake-pool.ts';
import type { IntakeResult } from '../intake/protocol.ts';
import { type Log, silentLog } from '../log/logger.ts';
import type { BlobStore } from '../store/blob-store.ts';
import type { DerivedCache } from '../store/derived-cache.ts';
import { ImportJournal, importJournalDir, type StoredImport } from '../store/import-journal.ts';
import type { ActivityRecord, ActivityService } from './activity-service.ts';
import { readArtworkSettings, recordArtworkDecision } from './artwork-rows.ts';
import { expandPaths } from './expand-paths.ts';
import { listVersions, setTrashed, swapMaster } from './logo-edits.ts';
import { LOGO_SELECT, type LogoRow, rowToLogo } from './logo-rows.ts';
import { isPaletteLocked, type PaletteColorInput, readPalette, writePalette } from './palette-rows.ts';
import { buildFilter, countLogos, orderBy, type ParsedLibraryQuery, walkSortIndex } from './query.ts';

export const THUMB_KIND = 'thumbs';

export function thumbKey(hash: string): string {
  return `${hash}-256.webp`;
}

/** A random id (96 bits) that never starts with '-' or '_', so `marque rm <id>` never reads it as a flag. */
export function newLogoId(): string {
  return randomBytes(12).toString('base64url').replace(/^[-_]/, 'x');
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
  readonly activity: ActivityService;
  /** How many files are in the intake at once (the intake pool size). */
  readonly parallelism: number;
  /** Where failed files and swallowed clean-up errors are recorded; default: silent. */
  readonly log?: Log;
}

/** The logo library: import through the intake, then metadata in SQLite and bytes in the store. */
export class LibraryService {
  readonly #deps: LibraryDeps & { readonly log: Log };
  /** Imports between storing their blobs and committing their rows, for the next start after a crash. */
  readonly #journal: ImportJournal;

  constructor(deps: LibraryDeps) {
    this.#deps = { ...deps, log: deps.log ?? silentLog() };
    this.#journal = new ImportJournal(importJournalDir(deps.dataDir));
  }

  /**
   * At start-up: an import killed between storing its blobs and committing its row left a complete
   * blob and its journal entry. The row is written as that import would have (the designer asked
   * for that file), unless a logo already holds those bytes; an entry whose blob never made it is
   * dropped. Returns the ids of the logos adopted this way.
   */
  async adoptInterruptedImports(): Promise<string[]> {
    const adopted: string[] = [];
    for (const { name, entry, live } of await this.#journal.entries()) {
      if (live) continue;
      try {
        const { result } = entry;
        const complete =
          (await this.#deps.store.has(result.master.hash)) &&
          (!result.source || (await this.#deps.store.has(result.source.hash)));
        if (complete && !this.#byHash(result.master.hash))
          adopted.push(this.#insert(entry.path, result, entry.tags).id);
      } catch {
        // The row could not be written (full disk): the blob stays; a re-import adopts it.
      }
      await this.#journal.remove(name);
    }
    if (adopted.length > 0) {
      this.#tryRecordActivity({
        kind: 'import',
        logoIds: adopted,
        clientAddress: null,
        detail: `${adopted.length} imported after an interruption (the import was stopped before it finished)`,
      });
      this.#deps.events.emit('library.changed', { kind: 'imported', ids: adopted });
    }
    return adopted;
  }

  /** Imports files and folders; `clientAddress` names a remote caller in the activity log. */
  async importPaths(
    paths: readonly string[],
    tags: readonly string[] = [],
    clientAddress: string | null = null,
    options: { readonly keepSource?: boolean } = {},
  ): Promise<ImportReport> {
    const { files, skipped } = await expandPaths(
      paths.map((path) => resolve(path)),
      this.#deps.dataDir,
    );
    const outcomes: ImportOutcome[] = new Array(files.length);
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const index = next++;
        outcomes[index] = await this.#importOne(files[index] as string, tags, options.keepSource === true);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.#deps.parallelism) }, worker));
    this.#restoreReimported(outcomes, clientAddress);
    const imported = outcomes.filter((o) => o.status === 'imported');
    if (imported.length > 0) {
      this.#deps.events.emit('library.changed', { kind: 'imported', ids: imported.map((o) => o.logo.id) });
    }
    const report: ImportReport = {
      outcomes,
      imported: imported.length,
      duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
      failed: outcomes.filter((o) => o.status === 'failed').length,
      skipped,
    };
    this.#logReport(report, clientAddress);
    if (outcomes.length > 0 || skipped.length > 0) {
      // The log is best-effort: on a full disk the rows above are committed and the report must still reach the caller.
      this.#tryRecordActivity({
        kind: 'import',
        logoIds: imported.map((o) => o.logo.id),
        clientAddress,
        detail: `${report.imported} imported, ${report.duplicates} already in the library, ${report.failed} failed${
          skipped.length > 0 ? `, ${skipped.length} skipped (links or special files)` : ''
        }`,
      });
    }
    return report;
  }

  /**
   * Imports one file the caller holds as bytes (a paste from the clipboard): written to a private
   * folder under the data folder, then the same intake as any file, then removed.
   */
  async importBytes(fileName: string, bytes: Uint8Array, clientAddress: string | null = null): Promise<ImportReport> {
    const safeName =
      basename(fileName.replaceAll('\\', '/'))
        .replace(/[\p{Cc}<>:"|?*]/gu, '')
        // No '.' or '..' (out of the folder) and no hidden file.
        .replace(/^\.+/, '')
        .slice(0, 200) || 'Pasted';
    const dir = join(this.#deps.dataDir, 'uploads', randomUUID());
    await mkdir(dir, { recursive: true });
    try {
      const file = join(dir, safeName);
      await writeFile(file, bytes, { flag: 'wx' });
      return await this.importPaths([file], [], clientAddress);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * Importing a file again whose logo sits in the Trash brings that logo back (a designer who
   * drops the file expects to see it), reported as a duplicate of the restored logo.
   */
  #restoreReimported(outcomes: ImportOutcome[], clientAddress: string | null): void {
    const trashed = [
      ...new Set(outcomes.flatMap((o) => (o.status === 'duplicate' && o.logo.deletedAt ? [o.logo.id] : []))),
    ];
    if (trashed.length === 0) return;
    const restored = setTrashed(this.#deps.db, trashed, false);
    outcomes.forEach((o, index) => {
      if (o.status === 'duplicate' && restored.includes(o.logo.id))
        outcomes[index] = { ...o, logo: this.get(o.logo.id) };
    });
    if (restored.length === 0) return;
    this.#deps.activity.recordActivity({
      kind: 'restore',
      logoIds: restored,
      clientAddress,
      detail: `${restored.length} brought back from the Trash by importing them again`,
    });
    this.#deps.events.emit('library.changed', { kind: 'restored', ids: restored });
  }

  /** One line per failed file (the file and the reason), then the totals. */
  #logReport(report: ImportReport, clientAddress: string | null): void {
    for (const outcome of report.outcomes) {
      if (outcome.status === 'failed')
        this.#deps.log.warn({ file: outcome.path, code: outcome.code, reason: outcome.message }, 'import failed');
    }
    if (report.outcomes.length > 0)
      this.#deps.log.info(
        { imported: report.imported, duplicates: report.duplicates, failed: report.failed, clientAddress },
        'import finished',
      );
  }

  #tryRecordActivity(record: ActivityRecord): void {
    try {
      this.#deps.activity.recordActivity(record);
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      this.#deps.log.warn({ err: error, activity: record.kind }, 'activity not recorded: the disk is full');
    }
  }

  async #importOne(path: string, tags: readonly string[], keepSource: boolean): Promise<ImportOutcome> {
    let forget: (() => Promise<void>) | null = null;
    try {
      const stored = await this.#intakeAndStore(path, keepSource, async (result) => {
        forget = await this.#journal.begin({ path, tags: [...tags], result: storedImport(result) });
      });
      if (stored.status === 'duplicate') return { status: 'duplicate', path, logo: stored.logo };
      // Re-checked inside the insert: two copies of one file in the same batch race to here.
      const raced = this.#byHash(stored.result.master.hash);
      if (raced) return { status: 'duplicate', path, logo: raced };
      const logo = this.#insert(path, stored.result, tags);
      const notes = stored.result.notes ?? [];
      return notes.length > 0 ? { status: 'imported', path, logo, notes } : { status: 'imported', path, logo };
    } catch (error) {
      const { code, message } = isDiskFull(error)
        ? {
            code: 'IO_ERROR' as const,
            message: 'the disk holding the library is full; free some space and import it again',
          }
        : toErrorEnvelope(error);
      return {
        status: 'failed',
        path,
        code,
        message: message.includes(basename(path)) ? message : `${basename(path)}: ${message}`,
      };
    } finally {
      await (forget as (() => Promise<void>) | null)?.();
    }
  }

  /**
   * The one intake path, shared by import and replace-master: first contact in the isolated
   * intake, then the master into the content-addressed store and its derived images into the cache.
   * A file whose bytes are already a live logo's master stops before the store.
   */
  async #intakeAndStore(
    path: string,
    keepSource = false,
    /** Called before the blobs go into the store (the import journals itself). */
    beforeStore?: (result: IntakeResult) => Promise<void>,
  ): Promise<{ status: 'duplicate'; logo: Logo } | { status: 'stored'; result: IntakeResult }> {
    let result: IntakeResult | null = null;
    try {
      result = await this.#deps.intake.inspect(path, this.#deps.store.tmpDir, { keepSource });
      const existing = this.#byHash(result.master.hash);
      if (existing) {
        await this.#discard(result);
        return { status: 'duplicate', logo: existing };
      }
      await beforeStore?.(result);
      await this.#deps.store.adopt(result.master.tempFile, result.master.hash);
      if (result.source) await this.#deps.store.adopt(result.source.tempFile, result.source.hash);
      await this.#adoptDerived(result);
      return { status: 'stored', result };
    } catch (error) {
      if (result) await this.#discard(result);
      throw error;
    }
  }

  /** The intake's thumbnail (and preview) into the derived cache, keyed by the master's hash. */
  async #adoptDerived(result: IntakeResult): Promise<void> {
    await this.#deps.cache.adopt(THUMB_KIND, thumbKey(result.master.hash), result.thumbTempFile, result.master.hash);
    await this.#deps.cache.adopt(
      'previews',
      `${result.master.hash}-1024.webp`,
      result.previewTempFile,
      result.master.hash,
    );
  }

  async #discard(result: IntakeResult): Promise<void> {
    const temps = [result.master.tempFile, result.thumbTempFile, result.previewTempFile];
    if (result.source) temps.push(result.source.tempFile);
    // Leftovers in store/tmp are swept at the next start; say which one stayed behind.
    for (const temp of temps)
      await unlink(temp).catch((error: unknown) => this.#deps.log.debug({ err: error, file: temp }, 'temp file kept'));
  }

  /**
   * Checked synchronously right before the row is written: emptying the Trash may have removed an
   * identical original between the store's "already there" and now (same tick as the insert, so
   * nothing can slip between this check and the commit).
   */
  #requireBlob(hash: string): void {
    if (!existsSync(this.#deps.store.pathOf(hash))) {
      throw new MarqueError(
        'IO_ERROR',
        'the stored copy was removed while importing (the Trash was emptied); import the file again',
      );
    }
  }

  #byHash(hash: string): Logo | null {
    const row = this.#deps.db.prepare(`${LOGO_SELECT} WHERE l.hash = ?`).get(hash) as LogoRow | undefined;
    return row ? rowToLogo(row) : null;
  }

  #insert(path: string, result: StoredImport, tags: readonly string[]): Logo {
    const { db } = this.#deps;
    const id = newLogoId();
    const now = new Date().toISOString();
    const name = nameFromFile(path);
    this.#requireBlob(result.master.hash);
    db.transaction(() => {
      db.prepare('INSERT OR IGNORE INTO blobs (hash, byte_size, created_at) VALUES (?, ?, ?)').run(
        result.master.hash,
        result.master.byteSize,
        now,
      );
      db.prepare(
        `INSERT INTO logos (id, name, format, is_vector, width, height, has_alpha, byte_size, hash, dhash, source_path, imported_at, updated_at)
           VALUES (@id, @name, @format, @isVector, @width, @height, @hasAlpha, @byteSize, @hash, @dhash, @sourcePath, @now, @now)`,
      ).run({
        id,
        name,
        format: result.format,
        isVector: result.isVector ? 1 : 0,
        width: result.width,
        height: result.height,
        hasAlpha: result.hasAlpha ? 1 : 0,
        byteSize: result.master.byteSize,
        hash: result.master.hash,
        dhash: typeof result.dhash === 'string' && /^[0-9a-f]{64}$/.test(result.dhash) ? result.dhash : null,
        sourcePath: path,
        now,
      });
      if (result.source) {
        db.prepare('INSERT OR IGNORE INTO blobs (hash, byte_size, created_at) VALUES (?, ?, ?)').run(
          result.source.hash,
          result.source.byteSize,
          now,
        );
        db.prepare('INSERT INTO logo_sources (logo_id, hash, byte_size) VALUES (?, ?, ?)').run(
          id,
          result.source.hash,
          result.source.byteSize,
        );
      }
      const addTag = db.prepare('INSERT OR IGNORE INTO logo_tags (logo_id, tag) VALUES (?, ?)');
      for (const tag of tags) if (tag.trim()) addTag.run(id, tag.trim().replace(/\s+/g, ' '));
      // The intake's palette makes the logo findable by colour at once (the recipe refines it later).
      writePalette(db, id, paletteInput(Array.isArray(result.palette) ? result.palette : []), false);
      // logos_fts follows through triggers (migration 0015).
    })();
    return this.get(id);
  }

  /**
   * The file as the designer had it: the kept source when there is one (always for a PDF or AI
   * file, with its actions and scripts removed), else the master (for rasters, the untouched file).
   */
  sourceFile(id: string): { path: string; filename: string } {
    const logo = this.get(id);
    const row = this.#deps.db.prepare('SELECT hash FROM logo_sources WHERE logo_id = ?').get(id) as
      | { hash: string }
      | undefined;
    const ext = logo.format === 'jpeg' ? 'jpg' : logo.format;
    const filename = logo.sourcePath ? basename(logo.sourcePath) : `${logo.name}.${ext}`;
    return { path: this.#deps.store.pathOf(row?.hash ?? logo.hash), filename };
  }

  get(id: string): Logo {
    const row = this.#deps.db.prepare(`${LOGO_SELECT} WHERE l.id = ?`).get(id) as LogoRow | undefined;
    if (!row) throw new MarqueError('NOT_FOUND', `No logo with id ${id}`);
    return rowToLogo(row);
  }

  list(query: ParsedLibraryQuery): Page<Logo> {
    const { db } = this.#deps;
    const total = countLogos(db, query);
    // A search matching a large part of the library (text "fo": a sixth) pages faster by walking
    // the sort index than by sorting every match; max(rowid) bounds the library's size in O(1).
    const librarySize = (db.prepare('SELECT max(rowid) AS n FROM logos').get() as { n: number | null }).n ?? 0;
    const { where, params } = buildFilter(query, 'page', { walkSort: walkSortIndex(total, librarySize, query) });
    // Two steps: the page's ids from the indexes alone, then full rows (with their folded tags) for
    // those ids only; folding tags for every match before the sort cost 10x on broad filters.
    const pageIds = db
      .prepare(`SELECT l.id FROM logos l WHERE ${where} ORDER BY ${orderBy(query)} LIMIT @limit OFFSET @offset`)
      .pluck()
      .all({ ...params, limit: query.limit, offset: query.offset }) as string[];
    const rows = pageIds.length
      ? (db
          .prepare(`${LOGO_SELECT} WHERE l.id IN (SELECT value FROM json_each(?))`)
          .all(JSON.stringify(pageIds)) as LogoRow[])
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const items = pageIds.flatMap((id) => {
      const row = byId.get(id);
      return row ? [rowToLogo(row)] : [];
    });
    return { items, total, offset: query.offset, limit: query.limit };
  }

  /**
   * Replaces a logo's master with a new file through the same intake as import; the older master
   * is kept as a version (its blob stays in the store). Outputs made from it are now stale.
   */
  async replaceMaster(id: string, path: string, clientAddress: string | null = null): Promise<Logo> {
    const before = this.get(id);
    if (before.deletedAt)
      throw new MarqueError(
        'INVALID_INPUT',
        `"${before.name}" is in the Trash; restore it before replacing its master`,
      );
    const file = basename(path);
    const stored = await this.#intakeAndStore(resolve(path));
    if (stored.status === 'duplicate') {
      throw new MarqueError(
        'INVALID_INPUT',
        stored.logo.id === id
          ? `${file}: is already the master of "${before.name}"`
          : `${file}: is already in the library as "${stored.logo.name}"`,
      );
    }
    const { result } = stored;
    this.#requireBlob(result.master.hash);
    try {
      swapMaster(this.#deps.db, id, {
        hash: result.master.hash,
        byteSize: result.master.byteSize,
        format: result.format,
        isVector: result.isVector,
        width: result.width,
        height: result.height,
        hasAlpha: result.hasAlpha,
        sourcePath: resolve(path),
      });
    } catch (error) {
      // Two replaces (or an import) of the same bytes raced: the unique master index refused it.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new MarqueError('INVALID_INPUT', `${file}: is already in the library`, { cause: error });
      }
      throw error;
    }
    this.#deps.db.prepare('UPDATE logos SET dhash = ? WHERE id = ?').run(result.dhash, id);
    // A new master has new colours, unless the designer locked the palette.
    if (!isPaletteLocked(this.#deps.db, id)) writePalette(this.#deps.db, id, paletteInput(result.palette), false);
    const logo = this.get(id);
    this.#deps.activity.recordActivity({
      kind: 'replace-master',
      logoIds: [id],
      clientAddress,
      detail: `"${logo.name}" master replaced by ${file} (version ${this.versions(id)[0]?.version ?? '?'})`,
    });
    this.#deps.events.emit('library.changed', { kind: 'updated', ids: [id] });
    return logo;
  }

  /** A logo's palette (extracted or the designer's), or null before the palette recipe ran. */
  paletteOf(id: string): Palette | null {
    return readPalette(this.#deps.db, id);
  }

  /** The logo's artwork settings (background override, one-colour threshold) for the pipeline. */
  artworkOf(id: string): ArtworkSettings {
    return readArtworkSettings(this.#deps.db, id);
  }

  /** Records a background decision the pipeline made on `masterHash`; false when it is stale. */
  recordArtworkDecision(id: string, masterHash: string, decision: BackgroundDecision): boolean {
    return recordArtworkDecision(this.#deps.db, id, masterHash, decision);
  }

  /**
   * Records a palette the pipeline extracted. A palette the designer locked wins: it is kept and
   * returned, so traces and separations use the designer's colours.
   */
  recordExtractedPalette(id: string, colors: readonly PaletteColor[]): { palette: Palette; kept: boolean } {
    const { db } = this.#deps;
    if (isPaletteLocked(db, id)) return { palette: readPalette(db, id) as Palette, kept: true };
    writePalette(db, id, paletteInput(colors), false);
    this.#deps.events.emit('library.changed', { kind: 'updated', ids: [id] });
    return { palette: readPalette(db, id) as Palette, kept: false };
  }

  /** The activity log, for the services that act on logos (exporter: 'export'). */
  recordActivity(record: ActivityRecord): ActivityEntry {
    return this.#deps.activity.recordActivity(record);
  }

  /** A teammate downloaded from the share: counted into their 'share-download' line of the day. */
  recordShareDownload(download: { clientAddress: string; logoIds: readonly string[]; detail: string }): void {
    this.#deps.activity.recordShareAccess({ kind: 'share-download', bytes: null, ...download });
  }

  /** A logo's masters, the current one first. */
  versions(id: string): LogoVersion[] {
    return listVersions(this.#deps.db, id);
  }

  /**
   * A logo's thumbnail path, made again through the intake from the stored master if the cache
   * evicted it (the cache is evictable; the master never is).
   */
  async ensureThumb(id: string): Promise<string> {
    const logo = this.get(id);
    const key = thumbKey(logo.hash);
    if (await this.#deps.cache.has(THUMB_KIND, key)) return this.#deps.cache.pathOf(THUMB_KIND, key);
    const result = await this.#deps.intake.inspect(this.#deps.store.pathOf(logo.hash), this.#deps.store.tmpDir);
    await unlink(result.master.tempFile).catch((error: unknown) =>
      this.#deps.log.debug({ err: error, logoId: id }, 'temp master of a re-made thumbnail kept'),
    );
    await this.#adoptDerived(result);
    return this.#deps.cache.pathOf(THUMB_KIND, key);
  }

  /** Where a logo's media lives on disk, for the transports that serve it. */
  mediaFile(id: string, kind: 'thumb' | 'original'): { path: string; mime: string; filename: string } {
    const logo = this.get(id);
    if (kind === 'thumb') this.#deps.cache.touch(THUMB_KIND, thumbKey(logo.hash));
    if (kind === 'thumb')
      return {
        path: this.#deps.cache.pathOf(THUMB_KIND, thumbKey(logo.hash)),
        mime: 'image/webp',
        filename: `${logo.name}-thumb.webp`,
      };
    const ext = logo.format === 'jpeg' ? 'jpg' : logo.format;
    return {
      path: this.#deps.store.pathOf(logo.hash),
      mime: MIME[logo.format] ?? 'application/octet-stream',
      filename: `${logo.name}.${ext}`,
    };
  }
}

/** The disk under the data folder is full (SQLite's SQLITE_FULL, or ENOSPC/EDQUOT from a write). */
function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
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

/** The part of an intake result the library row is made from (no temp files). */
function storedImport(result: IntakeResult): StoredImport {
  return {
    format: result.format,
    isVector: result.isVector,
    width: result.width,
    height: result.height,
    hasAlpha: result.hasAlpha,
    master: { hash: result.master.hash, byteSize: result.master.byteSize },
    source: result.source ? { hash: result.source.hash, byteSize: result.source.byteSize } : null,
    palette: result.palette,
    dhash: result.dhash,
  };
}

/** A named-ink match from a worker's facts, if it is one (JSON from another thread). */
function wellFormedInk(ink: PaletteColor['ink'] | undefined): PaletteColor['ink'] | undefined {
  if (!ink || typeof ink !== 'object') return undefined;
  const { name, book, hex, deltaE00 } = ink;
  if (typeof name !== 'string' || typeof book !== 'string' || typeof hex !== 'string') return undefined;
  if (!/^#[0-9a-f]{6}$/i.test(hex) || !Number.isFinite(deltaE00)) return undefined;
  return { name: name.slice(0, 120), book: book.slice(0, 200), hex, deltaE00 };
}

/** Palettes come from another process or thread (intake, workers) as JSON: keep well-formed colours. */
function paletteInput(colors: readonly PaletteColor[]): PaletteColorInput[] {
  return colors
    .filter((color) => typeof color.hex === 'string' && /^#?[0-9a-f]{6}$/i.test(color.hex))
    .map((color) => ({
      hex: color.hex,
      share: Number.isFinite(color.share) ? Math.min(1, Math.max(0, color.share)) : 0,
      name: typeof color.name === 'string' ? color.name.slice(0, 100) : undefined,
      cmyk:
        Array.isArray(color.cmyk) && color.cmyk.length === 4 && color.cmyk.every(Number.isFinite)
          ? color.cmyk
          : undefined,
      ink: wellFormedInk(color.ink),
    }));
}
