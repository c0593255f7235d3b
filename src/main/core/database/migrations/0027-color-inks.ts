import type { Migration } from './migration.ts';

/**
 * The nearest named ink of a palette colour (from a swatch book the designer loaded), with its
 * CIEDE2000 distance, so the palette shows "PANTONE 7481 C, ΔE00 1.2" next to the hex and the
 * ICC CMYK. Nullable: palettes typed by hand and rows from before have none.
 */
export const colorInks: Migration = {
  version: 27,
  name: 'color-inks',
  up(db) {
    db.exec(`
      ALTER TABLE logo_colors ADD COLUMN ink_name TEXT;
      ALTER TABLE logo_colors ADD COLUMN ink_book TEXT;
      ALTER TABLE logo_colors ADD COLUMN ink_hex TEXT;
      ALTER TABLE logo_colors ADD COLUMN ink_delta_e00 REAL;
    `);
  },
};
