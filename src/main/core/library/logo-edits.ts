import type { LogoVersion } from '../../../shared/contract/library.ts';
import type { LogoFormat } from '../../../shared/domain.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { Db } from '../database/database.ts';

/** Synchronous metadata edits (one transaction each); LibraryService adds events and activity. */

export interface LogoPatch {
  readonly name?: string;
  readonly notes?: string;
  readonly favorite?: boolean;
}

/** Throws NOT_FOUND naming the first id that is not a logo. */
export function requireLogos(db: Db, ids: readonly string[]): void {
  const known = db.prepare('SELECT 1 FROM logos WHERE id = ?');
  for (const id of ids) if (!known.get(id)) throw new MarqueError('NOT_FOUND', `No logo with id ${id}`);
}

export function updateLogo(db: Db, id: string, patch: LogoPatch): void {
  requireLogos(db, [id]);
  const sets: string[] = [];
  const params: Record<string, unknown> = { id, now: new Date().toISOString() };
  if (patch.name !== undefined) {
    sets.push('name = @name');
    params.name = patch.name;
  }
  if (patch.notes !== undefined) {
    sets.push('notes = @notes');
    params.notes = patch.notes;
  }
  if (patch.favorite !== undefined) {
    sets.push('favorite = @favorite');
    params.favorite = patch.favorite ? 1 : 0;
  }
  if (sets.length === 0) return;
  // logos_fts follows name and notes through triggers (migration 0015).
  db.prepare(`UPDATE logos SET ${sets.join(', ')}, updated_at = @now WHERE id = @id`).run(params);
}

/** Adds (or removes) tags on many logos; returns how many logos changed. */
export function setTags(db: Db, ids: readonly string[], tags: readonly string[], add: boolean): number {
  const unique = [...new Set(ids)];
  return db.transaction(() => {
    requireLogos(db, unique);
    const statement = add
      ? db.prepare('INSERT OR IGNORE INTO logo_tags (logo_id, tag) VALUES (?, ?)')
      : db.prepare('DELETE FROM logo_tags WHERE logo_id = ? AND tag = ?');
    const touch = db.prepare('UPDATE logos SET updated_at = ? WHERE id = ?');
    const now = new Date().toISOString();
    let updated = 0;
    for (const id of unique) {
      let changed = 0;
      for (const tag of tags) changed += statement.run(id, tag).changes;
      if (changed > 0) {
        touch.run(now, id);
        updated++;
      }
    }
    return updated;
  })();
}

/** Sets the star rating of many logos; returns how many changed. */
export function setRating(db: Db, ids: readonly string[], rating: number): number {
  const unique = [...new Set(ids)];
  return db.transaction(() => {
    requireLogos(db, unique);
    const statement = db.prepare(
      'UPDATE logos SET rating = @rating, updated_at = @now WHERE id = @id AND rating != @rating',
    );
    const now = new Date().toISOString();
    return unique.reduce((updated, id) => updated + statement.run({ id, rating, now }).changes, 0);
  })();
}

/** Sets or clears deleted_at (Trash); returns the ids that actually moved. */
export function setTrashed(db: Db, ids: readonly string[], trashed: boolean): string[] {
  const unique = [...new Set(ids)];
  return db.transaction(() => {
    requireLogos(db, unique);
    const now = new Date().toISOString();
    const statement = trashed
      ? db.prepare('UPDATE logos SET deleted_at = @now, updated_at = @now WHERE id = @id AND deleted_at IS NULL')
      : db.prepare('UPDATE logos SET deleted_at = NULL, updated_at = @now WHERE id = @id AND deleted_at IS NOT NULL');
    return unique.filter((id) => statement.run({ id, now }).changes > 0);
  })();
}

export interface PurgePlan {
  readonly logoIds: readonly string[];
  /** Blobs no remaining logo or version uses: their rows are gone, their files must go next. */
  readonly orphans: readonly { readonly hash: string; readonly byteSize: number }[];
}

/** Deletes every trashed logo (cascading tags, collections, versions, palette) and unused blob rows. */
export function purgeTrash(db: Db): PurgePlan {
  return db.transaction(() => {
    const logoIds = (db.prepare('SELECT id FROM logos WHERE deleted_at IS NOT NULL').all() as { id: string }[]).map(
      (r) => r.id,
    );
    const candidates = (
      db
        .prepare(
          `SELECT hash FROM logos WHERE deleted_at IS NOT NULL
           UNION SELECT v.hash FROM logo_versions v JOIN logos l ON l.id = v.logo_id WHERE l.deleted_at IS NOT NULL
           UNION SELECT s.hash FROM logo_sources s JOIN logos l ON l.id = s.logo_id WHERE l.deleted_at IS NOT NULL`,
        )
        .all() as { hash: string }[]
    ).map((r) => r.hash);
    db.prepare('DELETE FROM logos WHERE deleted_at IS NOT NULL').run();
    const used = db.prepare(
      `SELECT EXISTS (SELECT 1 FROM logos WHERE hash = @h) OR EXISTS (SELECT 1 FROM logo_versions WHERE hash = @h)
         OR EXISTS (SELECT 1 FROM logo_sources WHERE hash = @h) AS used`,
    );
    const size = db.prepare('SELECT byte_size FROM blobs WHERE hash = ?');
    const drop = db.prepare('DELETE FROM blobs WHERE hash = ?');
    const orphans: { hash: string; byteSize: number }[] = [];
    for (const hash of candidates) {
      if ((used.get({ h: hash }) as { used: number }).used) continue;
      const row = size.get(hash) as { byte_size: number } | undefined;
      drop.run(hash);
      orphans.push({ hash, byteSize: row?.byte_size ?? 0 });
    }
    return { logoIds, orphans };
  })();
}

interface VersionRow {
  version: number;
  hash: string;
  format: string;
  is_vector: number;
  width: number;
  height: number;
  has_alpha: number;
  byte_size: number;
  source_path: string | null;
  created_at: string;
  replaced_at: string | null;
}

function toVersion(row: VersionRow, current: boolean): LogoVersion {
  return {
    version: row.version,
    current,
    hash: row.hash,
    format: row.format as LogoFormat,
    isVector: row.is_vector === 1,
    width: row.width,
    height: row.height,
    hasAlpha: row.has_alpha === 1,
    byteSize: row.byte_size,
    sourcePath: row.source_path,
    createdAt: row.created_at,
    replacedAt: current ? null : row.replaced_at,
  };
}

/** The current master first, then older ones, newest first. */
export function listVersions(db: Db, id: string): LogoVersion[] {
  const current = db
    .prepare(
      `SELECT version, hash, format, is_vector, width, height, has_alpha, byte_size, source_path,
              coalesce((SELECT max(replaced_at) FROM logo_versions v WHERE v.logo_id = l.id), imported_at) AS created_at,
              NULL AS replaced_at
       FROM logos l WHERE id = ?`,
    )
    .get(id) as VersionRow | undefined;
  if (!current) throw new MarqueError('NOT_FOUND', `No logo with id ${id}`);
  const older = db
    .prepare('SELECT * FROM logo_versions WHERE logo_id = ? ORDER BY version DESC')
    .all(id) as VersionRow[];
  return [toVersion(current, true), ...older.map((row) => toVersion(row, false))];
}

export interface NewMaster {
  readonly hash: string;
  readonly byteSize: number;
  readonly format: LogoFormat;
  readonly isVector: boolean;
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
  readonly sourcePath: string;
}

/** Keeps the current master as a version and makes `next` the master; drops an unlocked palette. */
export function swapMaster(db: Db, id: string, next: NewMaster): void {
  db.transaction(() => {
    const now = new Date().toISOString();
    const current = listVersions(db, id)[0] as LogoVersion;
    db.prepare('INSERT OR IGNORE INTO blobs (hash, byte_size, created_at) VALUES (?, ?, ?)').run(
      next.hash,
      next.byteSize,
      now,
    );
    db.prepare(
      `INSERT INTO logo_versions (logo_id, version, hash, format, is_vector, width, height, has_alpha, byte_size, source_path, created_at, replaced_at)
       VALUES (@id, @version, @hash, @format, @isVector, @width, @height, @hasAlpha, @byteSize, @sourcePath, @createdAt, @now)`,
    ).run({
      ...current,
      id,
      isVector: current.isVector ? 1 : 0,
      hasAlpha: current.hasAlpha ? 1 : 0,
      now,
    });
    db.prepare(
      `UPDATE logos SET hash = @hash, byte_size = @byteSize, format = @format, is_vector = @isVector, width = @width,
         height = @height, has_alpha = @hasAlpha, source_path = @sourcePath, version = @version, updated_at = @now
       WHERE id = @id`,
    ).run({
      ...next,
      id,
      isVector: next.isVector ? 1 : 0,
      hasAlpha: next.hasAlpha ? 1 : 0,
      version: current.version + 1,
      now,
    });
    // An extracted palette describes the old artwork; a palette the designer locked stays.
    db.prepare('DELETE FROM logo_colors WHERE logo_id = ? AND locked = 0').run(id);
  })();
}
