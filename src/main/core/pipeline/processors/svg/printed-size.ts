import type { PaintItem } from './art.ts';
import { type Matrix, multiply } from './matrix.ts';
import { pathBounds } from './path-bounds.ts';

const MM = 72 / 25.4;

/**
 * The smaller printed side of a shape in mm, from its path bounds, where `toPage` maps the art's
 * user space to page points: what the rich-black rule goes by (text and hairlines in pure K,
 * larger areas in rich black). Undefined for a shape with no extent.
 */
export function shortSideMm(item: PaintItem, toPage: Matrix): number | undefined {
  const box = pathBounds(item.d);
  if (!box) return undefined;
  const m = multiply(toPage, item.matrix);
  const sx = Math.hypot(m[0], m[1]);
  const sy = Math.hypot(m[2], m[3]);
  return Math.min(box.width * sx, box.height * sy) / MM;
}
