import { constants } from 'node:fs';
import { access, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ClearReport, KindUsage, StorageHealth, StorageStats } from '../../../shared/contract/storage.ts';
import type { Db } from '../database/database.ts';
import type { ActivityService } from '../library/activity-service.ts';
import { Settings, setting } from '../settings.ts';
import type { BlobStore } from './blob-store.ts';
import type { DerivedCache } from './derived-cache.ts';
import { ImportJournal, importJournalDir } from './import-journal.ts';
import { assessHealth } from './storage-health.ts';

/** Cache kinds shown by name in the stats; every other kind counts as recipe outputs. */
export const THUMBNAIL_KIND = 'thumbs';
export const PREVIEW_KIND = 'previews';

/**
 * A blob with no row and no import-journal entry younger than this may belong to an import in a
 * process that keeps no journal (an older Marque): left alone until then.
 */
const LEFTOVER_GRACE_MS = 10 * 60_000;
/** Start-up reconciliation walks every stored original; CLI runs in a row share one walk per interval. */
export const RECONCILE_INTERVAL_MS = 10 * 60_000;
/** When the last reconciliation ran and which originals it found missing. */
const LAST_RECONCILE = setting(
  'storage.lastReconcile',
  z
    .object({ at: z.number(), missingOriginals: z.array(z.string()).readonly() })
    .readonly()
    .nullable(),
  null,
);

type ReconcileSummary = NonNullable<z.output<typeof LAST_RECONCILE.schema>>;

export interface ReconcileReport {
  /** Blobs on disk no row knew of and no running import was storing: leftovers of a crash, removed. */
  readonly removedLeftovers: readonly string[];
  /** Blob rows whose file is missing (reported, rows kept). */
  readonly missingOriginals: readonly string[];
  readonly cacheAdded: number;
  readonly cacheForgotten: number;
}

interface StorageDeps {
  readonly dataDir: string;
  readonly db: Db;
  readonly store: BlobStore;
  readonly cache: DerivedCache;
  readonly activity: ActivityService;
}

/** Storage housekeeping: what is stored and where, whether it is healthy, and the cache's cap. */
export class StorageService {
  readonly #deps: StorageDeps;
  readonly #journal: ImportJournal;

  constructor(deps: StorageDeps) {
    this.#deps = deps;
    this.#journal = new ImportJournal(importJournalDir(deps.dataDir));
  }

  async stats(): Promise<StorageStats> {
    const { db, cache, dataDir } = this.#deps;
    const originals = db
      .prepare('SELECT count(*) AS count, coalesce(sum(byte_size), 0) AS bytes FROM blobs')
      .get() as KindUsage;
    const thumbnails = { count: 0, bytes: 0 };
    const previews = { count: 0, bytes: 0 };
    const outputs = { count: 0, bytes: 0 };
    for (const totals of cache.totalsByKind()) {
      const into = totals.kind === THUMBNAIL_KIND ? thumbnails : totals.kind === PREVIEW_KIND ? previews : outputs;
      into.count += totals.count;
      into.bytes += totals.bytes;
    }
    return {
      originals: { count: originals.count, bytes: originals.bytes },
      thumbnails,
      previews,
      outputs,
      cacheBytes: thumbnails.bytes + previews.bytes + outputs.bytes,
      capBytes: cache.capBytes,
      activityLog: this.#deps.activity.size(),
      disk: (await diskOf(dataDir)) ?? { freeBytes: 0, totalBytes: 0 },
    };
  }

  async health(): Promise<StorageHealth> {
    const { dataDir, store, cache } = this.#deps;
    const folders = await Promise.all([dataDir, join(store.root, 'originals'), cache.root].map(folderState));
    return assessHealth({
      folders,
      cacheBytes: cache.totalBytes(),
      capBytes: cache.capBytes,
      disk: await diskOf(dataDir),
      missingOriginals: new Settings(this.#deps.db).get(LAST_RECONCILE)?.missingOriginals.length ?? 0,
      quarantined: (await store.quarantined()).length,
    });
  }

  clear(olderThanDays: number): ClearReport {
    return this.#deps.cache.clear(olderThanDays);
  }

  async setCap(bytes: number): Promise<StorageStats> {
    this.#deps.cache.setCapBytes(bytes);
    return this.stats();
  }

  /**
   * Reconciles at start-up unless another start (a CLI command a moment ago) already did within
   * RECONCILE_INTERVAL_MS; its findings stay in the settings for health(). Null when skipped.
   */
  async reconcileOnStart(now = Date.now()): Promise<ReconcileReport | null> {
    const last = new Settings(this.#deps.db).get(LAST_RECONCILE);
    if (last && now - last.at >= 0 && now - last.at < RECONCILE_INTERVAL_MS) return null;
    return this.reconcile(now);
  }

  /**
   * Start-up reconciliation of disk and database. A blob without a row is what a crash left
   * between storing a file and committing its row (the import journal already adopted the ones it
   * knew): not user data until a row exists, so it is removed, without asking anyone, unless a
   * running import is storing it. Nothing with a row is ever removed; rows whose blob is missing
   * are reported.
   */
  async reconcile(now = Date.now()): Promise<ReconcileReport> {
    const { db, store, cache } = this.#deps;
    // Two set differences, no per-file stat except for the few candidates.
    const onDisk = await store.hashSet();
    const rows = new Set(db.prepare('SELECT hash FROM blobs').pluck().all() as string[]);
    const removedLeftovers: string[] = [];
    const candidates = [...onDisk].filter((hash) => !rows.has(hash));
    const storing = candidates.length > 0 ? await this.#journal.liveHashes() : new Set<string>();
    const hasRow = db.prepare('SELECT 1 FROM blobs WHERE hash = ?').pluck();
    for (const hash of candidates) {
      if (storing.has(hash)) continue;
      const modified = await store.modifiedAt(hash);
      if (modified === null || now - modified < LEFTOVER_GRACE_MS) continue;
      // Checked again right before the removal, in the same tick: a row committed meanwhile wins.
      if (hasRow.get(hash) !== undefined) continue;
      store.removeSync(hash);
      removedLeftovers.push(hash);
    }
    const missingOriginals = [...rows].filter((hash) => !onDisk.has(hash));
    const summary: ReconcileSummary = { at: now, missingOriginals: missingOriginals.slice(0, 1000) };
    new Settings(db).set(LAST_RECONCILE, summary);
    const { added, forgotten } = await cache.reconcile();
    return { removedLeftovers, missingOriginals, cacheAdded: added, cacheForgotten: forgotten };
  }
}

async function diskOf(path: string): Promise<{ freeBytes: number; totalBytes: number } | null> {
  try {
    const fs = await statfs(path);
    return { freeBytes: fs.bavail * fs.bsize, totalBytes: fs.blocks * fs.bsize };
  } catch {
    return null;
  }
}

async function folderState(path: string): Promise<{ path: string; exists: boolean; writable: boolean }> {
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) return { path, exists: false, writable: false };
  const writable = await access(path, constants.W_OK).then(
    () => true,
    () => false,
  );
  return { path, exists: true, writable };
}
