import {
  type ArtworkSettings,
  type BackgroundDecision,
  type BackgroundSetting,
  DEFAULT_ARTWORK_SETTINGS,
  type LogoArtwork,
  settledDecision,
} from '../../../shared/artwork.ts';
import type { Db } from '../database/database.ts';
import { requireLogos } from './logo-edits.ts';

interface ArtworkRow {
  background: BackgroundSetting;
  threshold: number | null;
  decided_kind: BackgroundDecision['kind'] | null;
  decided_colour: string | null;
  decided_confidence: number | null;
  decided_setting: BackgroundSetting | null;
  decided_reason: string | null;
  decided_master: string | null;
}

/** The logo's artwork settings (the defaults when it has no row). */
export function readArtworkSettings(db: Db, id: string): ArtworkSettings {
  const row = db.prepare('SELECT background, threshold FROM logo_artwork WHERE logo_id = ?').get(id) as
    | Pick<ArtworkRow, 'background' | 'threshold'>
    | undefined;
  return row ? { background: row.background, threshold: row.threshold } : DEFAULT_ARTWORK_SETTINGS;
}

/** Settings and the decision, when one was made for the logo's current master and setting. */
export function readArtwork(db: Db, id: string): LogoArtwork {
  requireLogos(db, [id]);
  const row = db
    .prepare(`SELECT a.*, l.hash AS master FROM logo_artwork a JOIN logos l ON l.id = a.logo_id WHERE a.logo_id = ?`)
    .get(id) as (ArtworkRow & { master: string }) | undefined;
  if (!row) return { settings: DEFAULT_ARTWORK_SETTINGS, decision: null };
  const settings = { background: row.background, threshold: row.threshold };
  const settled = settledDecision(row.background);
  if (settled) return { settings, decision: settled };
  const current =
    row.decided_kind !== null && row.decided_master === row.master && row.decided_setting === row.background;
  return {
    settings,
    decision: current
      ? {
          kind: row.decided_kind as BackgroundDecision['kind'],
          colour: row.decided_colour,
          confidence: row.decided_confidence ?? 0,
          setting: row.decided_setting as BackgroundSetting,
          reason: row.decided_reason ?? '',
        }
      : null,
  };
}

/** Changes the override of many logos; a field left out keeps its value. Returns how many rows changed. */
export function writeArtworkSettings(
  db: Db,
  ids: readonly string[],
  patch: { readonly background?: BackgroundSetting; readonly threshold?: number | null },
): number {
  requireLogos(db, ids);
  const now = new Date().toISOString();
  const upsert = db.prepare(
    `INSERT INTO logo_artwork (logo_id, background, threshold, updated_at) VALUES (@id, @background, @threshold, @now)
     ON CONFLICT(logo_id) DO UPDATE SET background = @background, threshold = @threshold, updated_at = @now`,
  );
  let changed = 0;
  db.transaction(() => {
    for (const id of ids) {
      const current = readArtworkSettings(db, id);
      const next = {
        background: patch.background ?? current.background,
        threshold: patch.threshold === undefined ? current.threshold : patch.threshold,
      };
      if (next.background === current.background && next.threshold === current.threshold) continue;
      upsert.run({ id, ...next, now });
      changed++;
    }
  })();
  return changed;
}

/** Records an automatic decision made on `masterHash` (dropped when the logo has moved on). */
export function recordArtworkDecision(db: Db, id: string, masterHash: string, decision: BackgroundDecision): boolean {
  const logo = db.prepare('SELECT hash FROM logos WHERE id = ?').get(id) as { hash: string } | undefined;
  if (!logo || logo.hash !== masterHash) return false;
  if (readArtworkSettings(db, id).background !== decision.setting) return false;
  db.prepare(
    `INSERT INTO logo_artwork (logo_id, updated_at, decided_kind, decided_colour, decided_confidence, decided_setting,
       decided_reason, decided_master)
     VALUES (@id, @now, @kind, @colour, @confidence, @setting, @reason, @master)
     ON CONFLICT(logo_id) DO UPDATE SET decided_kind = @kind, decided_colour = @colour,
       decided_confidence = @confidence, decided_setting = @setting, decided_reason = @reason,
       decided_master = @master, updated_at = @now`,
  ).run({
    id,
    now: new Date().toISOString(),
    kind: decision.kind,
    colour: decision.colour,
    confidence: decision.confidence,
    setting: decision.setting,
    reason: decision.reason.slice(0, 500),
    master: masterHash,
  });
  return true;
}
