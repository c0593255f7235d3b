import { type LogoInkEdits, logoInkEdits, NO_INK_EDITS } from '../../../shared/print.ts';
import type { Db } from '../database/database.ts';
import { requireLogos } from '../library/logo-edits.ts';

/** A logo's remembered ink edits (none when it has no row, or a row this version cannot read). */
export function readLogoInks(db: Db, logoId: string): LogoInkEdits {
  const row = db.prepare('SELECT edits_json FROM logo_inks WHERE logo_id = ?').get(logoId) as
    | { edits_json: string }
    | undefined;
  if (!row) return NO_INK_EDITS;
  const parsed = logoInkEdits.safeParse(JSON.parse(row.edits_json));
  return parsed.success ? parsed.data : NO_INK_EDITS;
}

/** The edits of a logo that must exist (NOT_FOUND otherwise): what print.logoInks answers. */
export function logoInksOf(db: Db, logoId: string): LogoInkEdits {
  requireLogos(db, [logoId]);
  return readLogoInks(db, logoId);
}

/**
 * Replaces a logo's ink edits (validated again here: the store never holds what the schema
 * refuses). Edits that name a colour twice keep its last choice; no edits removes the row.
 */
export function writeLogoInks(db: Db, logoId: string, edits: LogoInkEdits): LogoInkEdits {
  requireLogos(db, [logoId]);
  const clean = logoInkEdits.parse(edits);
  const merges = new Map(clean.mergeInks.filter((m) => m.from !== m.into).map((m) => [m.from, m]));
  const keeps = [...new Set(clean.keepInks)].filter((hex) => !merges.has(hex));
  const next: LogoInkEdits = { inkNames: clean.inkNames, mergeInks: [...merges.values()], keepInks: keeps };
  if (Object.keys(next.inkNames).length === 0 && next.mergeInks.length === 0 && next.keepInks.length === 0) {
    db.prepare('DELETE FROM logo_inks WHERE logo_id = ?').run(logoId);
    return NO_INK_EDITS;
  }
  db.prepare(
    `INSERT INTO logo_inks (logo_id, edits_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(logo_id) DO UPDATE SET edits_json = excluded.edits_json, updated_at = excluded.updated_at`,
  ).run(logoId, JSON.stringify(next), new Date().toISOString());
  return next;
}
