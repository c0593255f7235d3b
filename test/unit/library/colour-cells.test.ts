import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/database/database.ts';
import { cellOf, cellsAround } from '../../../src/main/core/library/colour-cells.ts';
import { buildFilter } from '../../../src/main/core/library/query.ts';
import { hexToLab } from '../../../src/shared/colour.ts';
import { libraryQuery } from '../../../src/shared/contract/library.ts';
import { seeded, seedLogos } from '../../helpers/library-seed.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('colour search by L*a*b* cubes (migration 30)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('marque-cells-');
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('finds exactly the logos within the tolerance, reading the cube index', () => {
    const db = openDatabase(join(dir.path, 'library.sqlite'));
    seedLogos(db, 1500, 3);
    // The generated column agrees with the TypeScript cube of every row.
    const rows = db.prepare('SELECT L, a, b, cell FROM logo_colors').all() as {
      L: number;
      a: number;
      b: number;
      cell: number;
    }[];
    for (const row of rows) expect(row.cell).toBe(cellOf(row.L, row.a, row.b));

    const random = seeded(5);
    for (let i = 0; i < 40; i++) {
      const hex = `#${Math.floor(random() * 0xffffff)
        .toString(16)
        .padStart(6, '0')}`;
      const tolerance = [2, 12, 30][i % 3] as number;
      const { where, params } = buildFilter(libraryQuery.parse({ color: hex, colorTolerance: tolerance }), 'count');
      const found = (db.prepare(`SELECT l.id FROM logos l WHERE ${where}`).all(params) as { id: string }[])
        .map((r) => r.id)
        .sort();
      const [L, a, b] = hexToLab(hex);
      const truth = (
        db
          .prepare(
            `SELECT DISTINCT logo_id AS id FROM logo_colors NOT INDEXED
             WHERE (L - ?) * (L - ?) + (a - ?) * (a - ?) + (b - ?) * (b - ?) <= ? * ?`,
          )
          .all(L, L, a, a, b, b, tolerance, tolerance) as { id: string }[]
      )
        .map((r) => r.id)
        .sort();
      expect(found, `${hex} ±${tolerance}`).toEqual(truth);
    }
    const { where, params } = buildFilter(libraryQuery.parse({ color: '#e63946', colorTolerance: 12 }));
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT l.id FROM logos l WHERE ${where}`).all(params);
    expect(JSON.stringify(plan)).toMatch(/INDEX logo_colors_cell \(cell=\?/);
    db.close();
  });

  it('a very wide tolerance falls back to the L band', () => {
    expect(cellsAround(50, 0, 0, 12)?.length).toBeLessThanOrEqual(64);
    expect(cellsAround(50, 0, 0, 100)).toBeNull();
  });
});
