import type { Migration } from './migration.ts';

/**
 * An R*Tree over every palette colour's L*a*b*, so colour search reads the few colours inside the
 * tolerance's box instead of scanning the whole L band of logo_colors_lab (a fifth of the palette
 * rows at tolerance 10; 40-200 ms at 100,000 logos).
 *
 * Each colour is a point (min = max). The R*Tree stores its bounds as 32-bit floats rounded
 * outwards (a box about 1e-5 wide), so a search measuring Delta E to that box never loses a colour.
 * (Exact L, a, b as auxiliary columns cost a read of a shadow table per candidate: 4x slower.)
 * The entry's id is the logo's rowid * 1024 + the colour's position,
 * so a match maps to its logo with a shift, and the search joins logos by rowid (as text search
 * does with logos_fts).
 *
 * Triggers keep it in step with logo_colors. A logo's deletion cascades to its colours after the
 * logo row is gone (when its rowid can no longer be looked up), so the logo's own BEFORE DELETE
 * trigger removes its entries first.
 *
 * logos_trashed (partial: the Trash is small) lets a search count its matches in its own index and
 * subtract the trashed ones, instead of reading every matching logo's row.
 */
export const colorRtree: Migration = {
  version: 32,
  name: 'color-rtree',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE logo_colors_rtree USING rtree(
        id, min_l, max_l, min_a, max_a, min_b, max_b
      );

      CREATE TRIGGER logo_colors_rtree_position BEFORE INSERT ON logo_colors
        WHEN NEW.position NOT BETWEEN 0 AND 1023 BEGIN
        SELECT RAISE(ABORT, 'palette position out of range (0-1023)');
      END;
      CREATE TRIGGER logo_colors_rtree_insert AFTER INSERT ON logo_colors BEGIN
        INSERT INTO logo_colors_rtree (id, min_l, max_l, min_a, max_a, min_b, max_b)
        SELECT l.rowid * 1024 + NEW.position, NEW.L, NEW.L, NEW.a, NEW.a, NEW.b, NEW.b
        FROM logos l WHERE l.id = NEW.logo_id;
      END;
      CREATE TRIGGER logo_colors_rtree_delete AFTER DELETE ON logo_colors BEGIN
        DELETE FROM logo_colors_rtree
        WHERE id = (SELECT l.rowid * 1024 + OLD.position FROM logos l WHERE l.id = OLD.logo_id);
      END;
      CREATE TRIGGER logo_colors_rtree_update AFTER UPDATE OF logo_id, position, L, a, b ON logo_colors BEGIN
        DELETE FROM logo_colors_rtree
        WHERE id = (SELECT l.rowid * 1024 + OLD.position FROM logos l WHERE l.id = OLD.logo_id);
        INSERT INTO logo_colors_rtree (id, min_l, max_l, min_a, max_a, min_b, max_b)
        SELECT l.rowid * 1024 + NEW.position, NEW.L, NEW.L, NEW.a, NEW.a, NEW.b, NEW.b
        FROM logos l WHERE l.id = NEW.logo_id;
      END;
      CREATE TRIGGER logos_colors_rtree_delete BEFORE DELETE ON logos BEGIN
        DELETE FROM logo_colors_rtree
        WHERE id IN (SELECT OLD.rowid * 1024 + c.position FROM logo_colors c WHERE c.logo_id = OLD.id);
      END;

      CREATE INDEX logos_trashed ON logos(deleted_at) WHERE deleted_at IS NOT NULL;

      INSERT INTO logo_colors_rtree (id, min_l, max_l, min_a, max_a, min_b, max_b)
        SELECT l.rowid * 1024 + c.position, c.L, c.L, c.a, c.a, c.b, c.b
        FROM logo_colors c JOIN logos l ON l.id = c.logo_id;
    `);
  },
};
