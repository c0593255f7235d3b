import type { z } from 'zod';
import type { ActivityEntry, ActivityKind, activityQuery } from '../../../shared/contract/activity.ts';
import type { Page } from '../../../shared/domain.ts';
import type { Db } from '../database/database.ts';

export interface ActivityRecord {
  readonly kind: ActivityKind;
  readonly logoIds?: readonly string[];
  /** Remote address of an HTTP caller (a teammate on the share); null or absent = this machine. */
  readonly clientAddress?: string | null;
  /** What a person reads: file names, recipe, destination. */
  readonly detail?: string;
}

interface ActivityRow {
  id: number;
  kind: string;
  logo_ids: string;
  client_address: string | null;
  detail: string;
  at: string;
}

/**
 * The activity log. Imports, deletions, exports and share downloads are recorded here by the
 * services that do them (exporter and share call `recordActivity`).
 */
export class ActivityService {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  recordActivity(record: ActivityRecord): ActivityEntry {
    const at = new Date().toISOString();
    const logoIds = [...(record.logoIds ?? [])];
    const detail = (record.detail ?? '').slice(0, 2000);
    const clientAddress = record.clientAddress ?? null;
    const info = this.#db
      .prepare('INSERT INTO activity (kind, logo_ids, client_address, detail, at) VALUES (?, ?, ?, ?, ?)')
      .run(record.kind, JSON.stringify(logoIds), clientAddress, detail, at);
    return { id: Number(info.lastInsertRowid), kind: record.kind, logoIds, clientAddress, detail, at };
  }

  list(query: z.output<typeof activityQuery>): Page<ActivityEntry> {
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
      })),
      total,
      offset: query.offset,
      limit: query.limit,
    };
  }
}
