/**
 * Colour search on a grid of L*a*b* cells. Each palette colour sits in one cube of CELL units a
 * side (the generated column logo_colors.cell, migration 0030); a search reads only the cubes its
 * tolerance box touches through the index logo_colors_cell, instead of the whole L band of the
 * older logo_colors_lab index (a fifth of every palette row at 100,000 logos).
 */

/** Cube side in L*a*b* units: a default tolerance (12) touches at most 4 x 4 x 4 cubes. */
export const CELL = 8;
/** a* and b* are offset into 0..255 so cube numbers stay non-negative. */
const OFFSET = 128;
const SPAN = 32;

/** The SQL of logo_colors.cell; `cellOf` is the same in TypeScript. */
export const CELL_SQL = `(CAST(L / ${CELL} AS INTEGER) * ${SPAN * SPAN} + CAST((a + ${OFFSET}) / ${CELL} AS INTEGER) * ${SPAN} + CAST((b + ${OFFSET}) / ${CELL} AS INTEGER))`;

function axis(value: number, offset: number): number {
  return Math.trunc((value + offset) / CELL);
}

export function cellOf(L: number, a: number, b: number): number {
  return axis(L, 0) * SPAN * SPAN + axis(a, OFFSET) * SPAN + axis(b, OFFSET);
}

/** Past this many cubes (a very wide tolerance) the L band is the cheaper read. */
const MAX_CELLS = 512;

/** The cubes a search box touches, or null when it is wide enough for the L band to be cheaper. */
export function cellsAround(L: number, a: number, b: number, tolerance: number): number[] | null {
  const range = (value: number, offset: number, max: number) => {
    const from = Math.max(0, axis(value - tolerance, offset));
    const to = Math.min(max, axis(value + tolerance, offset));
    return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  };
  const Ls = range(L, 0, Math.trunc(100 / CELL));
  const as = range(a, OFFSET, SPAN - 1);
  const bs = range(b, OFFSET, SPAN - 1);
  if (Ls.length * as.length * bs.length > MAX_CELLS) return null;
  return Ls.flatMap((l) => as.flatMap((x) => bs.map((y) => l * SPAN * SPAN + x * SPAN + y)));
}
