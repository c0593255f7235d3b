import { hexToLab, hexToRgb, uncalibratedCmyk } from '../../../shared/colour.ts';
import type { Palette, PaletteColor } from '../../../shared/palette.ts';
import type { Db } from '../database/database.ts';
import { requireLogos } from './logo-edits.ts';

/** What a designer gives for a colour; RGB, CMYK and Lab are derived from the hex. */
export interface PaletteColorInput {
  readonly hex: string;
  readonly share: number;
  readonly name?: string | undefined;
  /** Kept when given (the palette processor's ICC CMYK); else an uncalibrated stand-in. */
  readonly cmyk?: readonly [number, number, number, number];
  /** The nearest named ink of a loaded swatch book (palette recipe only). */
  readonly ink?: PaletteColor['ink'];
}

interface ColorRow {
  hex: string;
  L: number;
  a: number;
  b: number;
  c: number;
  m: number;
  y: number;
  k: number;
  share: number;
  locked: number;
  name: string | null;
  ink_name: string | null;
  ink_book: string | null;
  ink_hex: string | null;
  ink_delta_e00: number | null;
}

const round = (value: number) => Math.round(value * 100) / 100;

export function readPalette(db: Db, id: string): Palette | null {
  requireLogos(db, [id]);
  const rows = db.prepare('SELECT * FROM logo_colors WHERE logo_id = ? ORDER BY position').all(id) as ColorRow[];
  if (rows.length === 0) return null;
  const colors = rows.map((row): PaletteColor => {
    const color: PaletteColor = {
      hex: row.hex,
      rgb: hexToRgb(row.hex),
      cmyk: [row.c, row.m, row.y, row.k],
      lab: [round(row.L), round(row.a), round(row.b)],
      share: row.share,
    };
    const ink =
      row.ink_name !== null && row.ink_hex !== null && row.ink_delta_e00 !== null
        ? { ink: { name: row.ink_name, book: row.ink_book ?? '', hex: row.ink_hex, deltaE00: row.ink_delta_e00 } }
        : {};
    return { ...color, ...(row.name ? { name: row.name } : {}), ...ink };
  });
  return { colors, locked: rows.some((row) => row.locked === 1) };
}

/**
 * Replaces a logo's palette. Lab is always computed here from the hex, so every row colour
 * search compares was converted the same way, whoever supplied it.
 */
export function writePalette(db: Db, id: string, colors: readonly PaletteColorInput[], locked: boolean): void {
  db.transaction(() => {
    requireLogos(db, [id]);
    db.prepare('DELETE FROM logo_colors WHERE logo_id = ?').run(id);
    const insert = db.prepare(
      `INSERT INTO logo_colors (logo_id, position, hex, L, a, b, c, m, y, k, share, locked, name,
                               ink_name, ink_book, ink_hex, ink_delta_e00)
       VALUES (@id, @position, @hex, @L, @a, @b, @c, @m, @y, @k, @share, @locked, @name,
               @inkName, @inkBook, @inkHex, @inkDeltaE00)`,
    );
    colors.forEach((color, position) => {
      const hex = `#${color.hex.replace('#', '').toLowerCase()}`;
      const [L, a, b] = hexToLab(hex);
      const [c, m, y, k] = color.cmyk ?? uncalibratedCmyk(hexToRgb(hex));
      insert.run({
        id,
        position,
        hex,
        L,
        a,
        b,
        c,
        m,
        y,
        k,
        share: color.share,
        locked: locked ? 1 : 0,
        name: color.name ?? null,
        inkName: color.ink?.name ?? null,
        inkBook: color.ink?.book ?? null,
        inkHex: color.ink?.hex ?? null,
        inkDeltaE00: color.ink?.deltaE00 ?? null,
      });
    });
    db.prepare('UPDATE logos SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), id);
  })();
}

export function isPaletteLocked(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM logo_colors WHERE logo_id = ? AND locked = 1 LIMIT 1').get(id) !== undefined;
}
