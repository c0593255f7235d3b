import { z } from 'zod';
import {
  type ActivityEntry,
  type ActivityKind,
  type ActivityLogSize,
  type activityQuery,
  DEFAULT_ACTIVITY_RETENTION_DAYS,
} from '../../../shared/contract/activity.ts';
import type { Page } from '../../../shared/domain.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { Db } from '../database/database.ts';
import { MAX_ROLLUP_LOGO_IDS } from '../database/migrations/0024-activity-rollup.ts';
import { Settings, setting } from '../settings.ts';

export interface ActivityRecord {
  readonly kind: ActivityKind;
  readonly logoIds?: readonly string[];
  /** Remote address of an HTTP caller (a teammate on the share); null or absent = this machine. */
  readonly clientAddress?: string | null;
  /** What a person reads: file names, recipe, destination. */
  readonly detail?: string;
}

/** One request a teammate made on the share, counted into that teammate's line of the day. */
export interface ShareAccess {
  /** 'share-download': originals, outputs, zips; 'share-browse': thumbnails and previews. */
  readonly kind: 'share-download' | 'share-browse';
  readonly clientAddress: string;
  readonly logoIds: readonly string[];
  readonly detail: string;
  /** Bytes sent, when known. */
  readonly bytes: number | null;
}

interface ActivityRow {
  id: number;
  kind: string;
  logo_ids: string;
  client_address: string | null;
  detail: string;
  at: string;
  count: number;
  bytes: number | null;
}

interface PendingRollup {
  readonly kind: ShareAccess['kind'];
  readonly clientAddress: string;
  readonly day: string;
  count: number;
  bytes: number | null;
  readonly logoIds: Set<string>;
  detail: string;
  at: string;
}

/** Days individual activity lines are kept (share traffic is rolled up per teammate per day). */
const RETENTION = setting('activity.retentionDays', z.number().int().min(1), DEFAULT_ACTIVITY_RETENTION_DAYS);
/** Share traffic is counted in memory and written at most this often (one transaction per flush). */
const FLUSH_AFTER_MS = 2_000;
/** A flush also happens once this many teammate-days are pending (bounded memory). */
const MAX_PENDING = 500;
/** Pruning by age runs at start and then at most this often. */
const PRUNE_EVERY_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/**
 * The activity log. Imports, deletions, exports and share downloads are recorded here by the
 * services that do them (exporter and share call `recordActivity` / `recordShareAccess`).
 *
 * It stays small: lines older than the retention (default 90 days, a setting) are deleted, and
 * share traffic is one line per teammate per day and kind rather than one per file. A load of a
 * thousand downloads a second would otherwise cost a synchronous (fsync'd) write each; instead
 * they are counted in memory and written every two seconds, so a crash loses at most the last
 * two seconds of counts, never a line of anything else.
 */
export class ActivityService {
  readonly #db: Db;
  readonly #now: () => number;
  readonly #pending = new Map<string, PendingRollup>();
  #timer: NodeJS.Timeout | null = null;
  #lastPrune = Number.NEGATIVE_INFINITY;

  constructor(db: Db, options: { now?: () => number } = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
  }

  recordActivity(record: ActivityRecord): ActivityEntry {
    const at = new Date(this.#now()).toISOString();
    const logoIds = [...(record.logoIds ?? [])];
    const detail = (record.detail ?? '').slice(0, 2000);
    const clientAddress = record.clientAddress ?? null;
    const info = this.#db
      .prepare('INSERT INTO activity (kind, logo_ids, client_address, detail, at) VALUES (?, ?, ?, ?, ?)')
      .run(record.kind, JSON.stringify(logoIds), clientAddress, detail, at);
    this.#pruneNow(false);
    return {
      id: Number(info.lastInsertRowid),
      kind: record.kind,
      logoIds,
      clientAddress,
      detail,
      at,
      count: 1,
      bytes: null,
    };
  }

  /** Counts one share request into its teammate's line of the day (written within two seconds). */
  recordShareAccess(access: ShareAccess): void {
    const at = new Date(this.#now()).toISOString();
    const day = at.slice(0, 10);
    const key = `${access.kind}\n${access.clientAddress}\n${day}`;
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = {
        kind: access.kind,
        clientAddress: access.clientAddress,
        day,
        count: 0,
        bytes: null,
        logoIds: new Set(),
        detail: '',
        at,
      };
      this.#pending.set(key, pending);
    }
    pending.count++;
    if (access.bytes !== null) pending.bytes = (pending.bytes ?? 0) + access.bytes;
    for (const id of access.logoIds) if (pending.logoIds.size < MAX_ROLLUP_LOGO_IDS) pending.logoIds.add(id);
    pending.detail = access.detail.slice(0, 2000);
    pending.at = at;
    if (this.#pending.size >= MAX_PENDING) this.flush();
    else if (!this.#timer) {
      this.#timer = setTimeout(() => this.flush(), FLUSH_AFTER_MS);
      this.#timer.unref();
    }
  }

  /**
   * Writes the counted share traffic in one transaction: each teammate-day line is replaced by a
   * merged one with a new id, so the log (newest id first) shows it at its latest activity.
   */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.size === 0) return;
    // Oldest first, so ids (the log's order) follow the latest activity of each line.
    const pending = [...this.#pending.values()].sort((a, b) => a.at.localeCompare(b.at));
    this.#pending.clear();
    const find = this.#db.prepare(
      'SELECT id, logo_ids, count, bytes FROM activity WHERE kind = ? AND client_address = ? AND day = ?',
    );
    const remove = this.#db.prepare('DELETE FROM activity WHERE id = ?');
    const insert = this.#db.prepare(
      `INSERT INTO activity (kind, logo_ids, client_address, detail, at, count, bytes, day)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#db.transaction(() => {
      for (const line of pending) {
        const old = find.get(line.kind, line.clientAddress, line.day) as
          | { id: number; logo_ids: string; count: number; bytes: number | null }
          | undefined;
        const ids = new Set<string>(old ? (JSON.parse(old.logo_ids) as string[]) : []);
        for (const id of line.logoIds) if (ids.size < MAX_ROLLUP_LOGO_IDS) ids.add(id);
        const bytes = old?.bytes === null || old === undefined ? line.bytes : old.bytes + (line.bytes ?? 0);
        if (old) remove.run(old.id);
        insert.run(
          line.kind,
          JSON.stringify([...ids]),
          line.clientAddress,
          line.detail,
          line.at,
          (old?.count ?? 0) + line.count,
          bytes,
          line.day,
        );
      }
    })();
    this.#pruneNow(false);
  }

  retentionDays(): number {
    return new Settings(this.#db).get(RETENTION);
  }

  setRetentionDays(days: number): ActivityLogSize {
    if (!Number.isInteger(days) || days < 1)
      throw new MarqueError('INVALID_INPUT', `Keep the activity log at least 1 day, not ${days}`);
    new Settings(this.#db).set(RETENTION, days);
    this.prune();
    return this.size();
  }

  /** Deletes lines older than the retention; returns how many went. */
  prune(): number {
    return this.#pruneNow(true);
  }

  #pruneNow(force: boolean): number {
    const now = this.#now();
    if (!force && now - this.#lastPrune < PRUNE_EVERY_MS) return 0;
    this.#lastPrune = now;
    const cutoff = new Date(now - this.retentionDays() * DAY_MS).toISOString();
    return this.#db.prepare('DELETE FROM activity WHERE at < ?').run(cutoff).changes;
  }

  /** Rows and bytes (table and indexes, from SQLite's dbstat) of the log, and its retention. */
  size(): ActivityLogSize {
    this.flush();
    const rows = this.#db.prepare('SELECT count(*) FROM activity').pluck().get() as number;
    const bytes = this.#db
      .prepare(
        `SELECT coalesce(sum(pgsize), 0) FROM dbstat
         WHERE aggregate = 1 AND name IN (SELECT name FROM sqlite_schema WHERE tbl_name = 'activity')`,
      )
      .pluck()
      .get() as number;
    return { rows, bytes, retentionDays: this.retentionDays() };
  }

  list(query: z.output<typeof activityQuery>): Page<ActivityEntry> {
    this.flush();
    const where = query.kind ? 'WHERE kind = @kind' : '';
    const params = query.kind ? { kind: query.kind } : {};
    const total = (this.#db.prepare(`SELECT count(*) AS n FROM activity ${where}`).get(params) as { n: number }).n;
    const rows = this.#db
      .prepare(`SELECT * FROM activity ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: query.limit, offset: query.offset }) as ActivityRow[];
    return {
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind as ActivityKind,
        logoIds: JSON.parse(row.logo_ids) as string[],
        clientAddress: row.client_address,
        detail: row.detail,
        at: row.at,
        count: row.count,
        bytes: row.bytes,
      })),
      total,
      offset: query.offset,
      limit: query.limit,
    };
  }

  /** Writes what is pending; the studio calls this before closing the database. */
  close(): void {
    this.flush();
  }
}
