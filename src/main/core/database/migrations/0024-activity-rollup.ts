import type { Migration } from './migration.ts';

/** Logo ids kept on one rolled-up row: enough to say what a teammate took, bounded whatever the traffic. */
export const MAX_ROLLUP_LOGO_IDS = 100;

interface ShareDownloadRow {
  logo_ids: string;
  client_address: string | null;
  detail: string;
  at: string;
}

/**
 * The activity log stops growing with share traffic: share downloads become one row per teammate
 * (client address) per day with a count (`count`, `bytes` when known, `day` set only on such
 * rolled-up rows), and old rows can be pruned by age (`activity_at`). Downloads already logged one
 * by one are rolled up here, so a library that logged 86,753 downloads shrinks on upgrade.
 */
export const activityRollup: Migration = {
  version: 24,
  name: 'activity-rollup',
  up(db) {
    db.exec(`
      ALTER TABLE activity ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
      -- Bytes sent, on rolled-up rows; null when no size was known.
      ALTER TABLE activity ADD COLUMN bytes INTEGER;
      -- UTC day (YYYY-MM-DD) of a rolled-up row; null on individual rows.
      ALTER TABLE activity ADD COLUMN day TEXT;
    `);
    const groups = new Map<
      string,
      { client: string; day: string; count: number; ids: Set<string>; last: ShareDownloadRow }
    >();
    const rows = db
      .prepare("SELECT logo_ids, client_address, detail, at FROM activity WHERE kind = 'share-download' ORDER BY id")
      .iterate() as IterableIterator<ShareDownloadRow>;
    for (const row of rows) {
      const client = row.client_address ?? 'unknown';
      const day = row.at.slice(0, 10);
      const key = `${client}\n${day}`;
      let group = groups.get(key);
      if (!group) {
        group = { client, day, count: 0, ids: new Set(), last: row };
        groups.set(key, group);
      }
      group.count++;
      group.last = row;
      for (const id of parseIds(row.logo_ids)) if (group.ids.size < MAX_ROLLUP_LOGO_IDS) group.ids.add(id);
    }
    db.exec("DELETE FROM activity WHERE kind = 'share-download'");
    const insert = db.prepare(
      `INSERT INTO activity (kind, logo_ids, client_address, detail, at, count, bytes, day)
       VALUES ('share-download', ?, ?, ?, ?, ?, NULL, ?)`,
    );
    const ordered = [...groups.values()].sort((a, b) => a.last.at.localeCompare(b.last.at));
    for (const group of ordered)
      insert.run(
        JSON.stringify([...group.ids]),
        group.client,
        group.last.detail,
        group.last.at,
        group.count,
        group.day,
      );
    db.exec(`
      CREATE UNIQUE INDEX activity_rollup ON activity(kind, client_address, day) WHERE day IS NOT NULL;
      CREATE INDEX activity_at ON activity(at);
    `);
  },
};

function parseIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
