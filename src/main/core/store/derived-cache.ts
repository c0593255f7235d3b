import { readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_CACHE_CAP_BYTES } from '../../../shared/contract/storage.ts';
import type { Db } from '../database/database.ts';
import { StatementCache } from '../database/statement-cache.ts';
import { renameWithRetry } from '../files/atomic-write.ts';
import { isMissing, unlessMissing } from '../fs-missing.ts';
import { type Log, silentLog } from '../log/logger.ts';
import { Settings, setting } from '../settings.ts';

const KEY = /^[0-9a-z][0-9a-z._-]{0,127}$/;
/** The cache's size cap; the contract sets the least a designer may choose, tests go lower. */
const CAP_SETTING = setting('cache.capBytes', z.number().int().min(0), DEFAULT_CACHE_CAP_BYTES);
const DAY_MS = 86_400_000;

export interface KindTotals {
  readonly kind: string;
  readonly count: number;
  readonly bytes: number;
}

export interface EvictionReport {
  readonly removed: number;
  readonly freedBytes: number;
}

let lastStamp = 0;
/** A strictly increasing millisecond stamp, so least-recently-used order has no ties. */
function stamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}

/**
 * Evictable derived files (thumbnails, previews, recipe outputs), addressed by key inside a kind
 * folder. Anything here can be regenerated from an original; nothing here is user data.
 * An index in SQLite (derived_files) holds each file's size and last use; the cache stays under a
 * size cap by evicting the least recently used files. Originals live in the BlobStore, never here.
 */
export class DerivedCache {
  readonly root: string;
  readonly #db: Db;
  readonly #sql: StatementCache;
  /** Uses not yet written: `kind/key` → stamp. Flushed in one transaction, not one fsync per thumbnail shown. */
  readonly #pendingUses = new Map<string, number>();
  #flushTimer: NodeJS.Timeout | null = null;

  readonly #log: Log;

  constructor(root: string, db: Db, log: Log = silentLog()) {
    this.root = root;
    this.#db = db;
    this.#log = log;
    this.#sql = new StatementCache(db);
  }

  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  pathOf(kind: string, key: string): string {
    if (!KEY.test(kind) || !KEY.test(key)) throw new Error(`bad cache key ${kind}/${key}`);
    return join(this.root, kind, key);
  }

  /** True when the file is there; counts as a use (it is about to be read). */
  async has(kind: string, key: string): Promise<boolean> {
    const present = await stat(this.pathOf(kind, key)).then(
      (s) => s.isFile(),
      () => false,
    );
    if (present) this.touch(kind, key);
    return present;
  }

  /**
   * Moves a finished temp file into the cache (same volume, so the rename is atomic), indexes it,
   * then evicts least recently used files if the cache went over its cap.
   * `sourceHash` names the original it was made from, so purging that original drops it too.
   */
  async adopt(kind: string, key: string, tempFile: string, sourceHash?: string): Promise<string> {
    const target = this.pathOf(kind, key);
    await mkdir(join(this.root, kind), { recursive: true });
    await renameWithRetry(tempFile, target);
    this.record(kind, key, sourceHash);
    this.enforceCap();
    return target;
  }

  /** Indexes a file already in place (written there by a worker); call enforceCap after a batch. */
  record(kind: string, key: string, sourceHash?: string): void {
    const path = this.pathOf(kind, key);
    const info = statSync(path);
    const size = info.isDirectory() ? directorySize(path) : info.size;
    const now = stamp();
    this.#sql
      .get(
        `INSERT INTO derived_files (kind, key, byte_size, source_hash, created_at, last_used) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind, key) DO UPDATE SET byte_size = excluded.byte_size, last_used = excluded.last_used,
           source_hash = coalesce(excluded.source_hash, source_hash)`,
      )
      .run(kind, key, size, sourceHash ?? null, new Date(now).toISOString(), now);
    this.#pendingUses.delete(`${kind}/${key}`);
  }

  /**
   * Marks a file as just used (served, exported, or found by a cached job). Recorded in memory and
   * written within a few seconds (or before any eviction), since a grid of thumbnails would
   * otherwise cost one synchronous database write each.
   */
  touch(kind: string, key: string): void {
    this.#pendingUses.set(`${kind}/${key}`, stamp());
    this.#flushTimer ??= setTimeout(() => {
      try {
        this.flushUses();
      } catch (error) {
        // The database closed first (shutdown): losing a few "last used" stamps is harmless.
        this.#log.debug({ err: error }, 'cache use stamps not saved');
      }
    }, 3000).unref();
  }

  /** Writes pending uses now. */
  flushUses(): void {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
    if (this.#pendingUses.size === 0) return;
    const uses = [...this.#pendingUses];
    this.#pendingUses.clear();
    const update = this.#sql.get('UPDATE derived_files SET last_used = ? WHERE kind = ? AND key = ?');
    this.#db.transaction(() => {
      for (const [id, used] of uses) {
        const slash = id.indexOf('/');
        update.run(used, id.slice(0, slash), id.slice(slash + 1));
      }
    })();
  }

  get capBytes(): number {
    return new Settings(this.#db).get(CAP_SETTING);
  }

  setCapBytes(bytes: number): EvictionReport {
    new Settings(this.#db).set(CAP_SETTING, bytes);
    return this.enforceCap();
  }

  totalBytes(): number {
    // Kept by triggers (migration 0023), so the cap check after every job does not scan the table.
    return (this.#sql.get('SELECT byte_size AS n FROM derived_totals WHERE id = 1').get() as { n: number }).n;
  }

  totalsByKind(): KindTotals[] {
    return this.#db
      .prepare('SELECT kind, count(*) AS count, coalesce(sum(byte_size), 0) AS bytes FROM derived_files GROUP BY kind')
      .all() as KindTotals[];
  }

  /**
   * Evicts least recently used files until the total fits the cap. Synchronous on purpose: the
   * choice of victims, their rows and their files go together, with no await for another adopt
   * to slip between.
   */
  enforceCap(): EvictionReport {
    this.flushUses();
    let excess = this.totalBytes() - this.capBytes;
    if (excess <= 0) return { removed: 0, freedBytes: 0 };
    const victims: { kind: string; key: string; byte_size: number }[] = [];
    for (const row of this.#db
      .prepare('SELECT kind, key, byte_size FROM derived_files ORDER BY last_used')
      .iterate() as Iterable<{
      kind: string;
      key: string;
      byte_size: number;
    }>) {
      if (excess <= 0) break;
      victims.push(row);
      excess -= row.byte_size;
    }
    return this.#remove(victims);
  }

  /** Removes derived files not used for `olderThanDays` days (0: every derived file). */
  clear(olderThanDays: number): EvictionReport {
    this.flushUses();
    const cutoff = olderThanDays <= 0 ? Number.MAX_SAFE_INTEGER : Date.now() - olderThanDays * DAY_MS;
    const victims = this.#db
      .prepare('SELECT kind, key, byte_size FROM derived_files WHERE last_used < ?')
      .all(cutoff) as {
      kind: string;
      key: string;
      byte_size: number;
    }[];
    return this.#remove(victims);
  }

  /** Drops every derived file made from an original that is being purged. */
  removeBySource(sourceHash: string): EvictionReport {
    const victims = this.#db
      .prepare('SELECT kind, key, byte_size FROM derived_files WHERE source_hash = ?')
      .all(sourceHash) as { kind: string; key: string; byte_size: number }[];
    return this.#remove(victims);
  }

  #remove(victims: readonly { kind: string; key: string; byte_size: number }[]): EvictionReport {
    const drop = this.#sql.get('DELETE FROM derived_files WHERE kind = ? AND key = ?');
    let freedBytes = 0;
    this.#db.transaction(() => {
      for (const victim of victims) {
        drop.run(victim.kind, victim.key);
        freedBytes += victim.byte_size;
      }
    })();
    for (const victim of victims) {
      const path = this.pathOf(victim.kind, victim.key);
      try {
        // A recipe output may be a folder of files; thumbnails and previews are single files.
        rmSync(path, { recursive: true, force: true });
      } catch {
        try {
          unlinkSync(path);
        } catch (error) {
          // Already gone: the index was the only thing left to forget. Else the file stays behind.
          if (!isMissing(error))
            this.#log.warn({ err: error, kind: victim.kind, key: victim.key }, 'evicted cache file not removed');
        }
      }
    }
    return { removed: victims.length, freedBytes };
  }

  /**
   * Start-up reconciliation: indexes files on disk the index does not know (last use = mtime)
   * and forgets rows whose files are gone. Returns how many of each.
   */
  async reconcile(): Promise<{ added: number; forgotten: number }> {
    const known = new Set(
      (this.#sql.get('SELECT kind, key FROM derived_files').all() as { kind: string; key: string }[]).map(
        (r) => `${r.kind}/${r.key}`,
      ),
    );
    const seen = new Set<string>();
    const found: { kind: string; key: string; size: number; mtime: number }[] = [];
    for (const kind of await readdir(this.root).catch(unlessMissing([] as string[]))) {
      if (!KEY.test(kind)) continue;
      for (const key of await readdir(join(this.root, kind)).catch(unlessMissing([] as string[]))) {
        if (!KEY.test(key)) continue;
        const id = `${kind}/${key}`;
        seen.add(id);
        if (known.has(id)) continue;
        const info = await stat(join(this.root, kind, key)).catch(unlessMissing(null));
        if (!info) continue;
        found.push({
          kind,
          key,
          size: info.isDirectory() ? directorySize(join(this.root, kind, key)) : info.size,
          mtime: info.mtimeMs,
        });
      }
    }
    const gone = [...known].filter((id) => !seen.has(id));
    this.#db.transaction(() => {
      const insert = this.#sql.get(
        'INSERT OR IGNORE INTO derived_files (kind, key, byte_size, source_hash, created_at, last_used) VALUES (?, ?, ?, NULL, ?, ?)',
      );
      for (const file of found)
        insert.run(file.kind, file.key, file.size, new Date(file.mtime).toISOString(), Math.floor(file.mtime));
      const forget = this.#sql.get('DELETE FROM derived_files WHERE kind = ? AND key = ?');
      for (const id of gone) {
        const [kind, key] = id.split('/') as [string, string];
        forget.run(kind, key);
      }
    })();
    if (found.length > 0) this.enforceCap();
    return { added: found.length, forgotten: gone.length };
  }
}

function directorySize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}
