import type { Logo, LogoFormat } from '../../../shared/domain.ts';

/** The logos table row as SQLite returns it. */
export interface LogoRow {
  id: string;
  name: string;
  format: string;
  is_vector: number;
  width: number;
  height: number;
  has_alpha: number;
  byte_size: number;
  hash: string;
  source_path: string | null;
  imported_at: string;
  updated_at: string;
  favorite: number;
  rating: number;
  notes: string;
  deleted_at: string | null;
  tags: string | null;
}

/** Selects a logo with its tags folded into one column (unit separator between tags). */
export const LOGO_SELECT = `
  SELECT l.*, (SELECT group_concat(tag, char(31)) FROM logo_tags t WHERE t.logo_id = l.id) AS tags
  FROM logos l`;

export function rowToLogo(row: LogoRow): Logo {
  return {
    id: row.id,
    name: row.name,
    format: row.format as LogoFormat,
    isVector: row.is_vector === 1,
    width: row.width,
    height: row.height,
    hasAlpha: row.has_alpha === 1,
    byteSize: row.byte_size,
    hash: row.hash,
    sourcePath: row.source_path,
    importedAt: row.imported_at,
    updatedAt: row.updated_at,
    favorite: row.favorite === 1,
    rating: row.rating,
    notes: row.notes,
    tags: row.tags ? row.tags.split('\u001f').sort((a, b) => a.localeCompare(b)) : [],
    deletedAt: row.deleted_at,
  };
}
