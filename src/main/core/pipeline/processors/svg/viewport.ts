import type { ViewBox } from './art.ts';
import { type Matrix, multiply, scale, translate } from './matrix.ts';

export function parseViewBox(text: string | undefined): ViewBox | null {
  const values = (text ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (values.length !== 4 || values.some((value) => !Number.isFinite(value))) return null;
  const [x = 0, y = 0, width = 0, height = 0] = values;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

/**
 * Maps a viewBox onto a width x height viewport as preserveAspectRatio says (SVG 2 §8.2):
 * alignment xMin/xMid/xMax with YMin/YMid/YMax, meet or slice, or none (stretch).
 */
export function viewBoxTransform(
  viewBox: ViewBox,
  width: number,
  height: number,
  preserveAspectRatio = 'xMidYMid meet',
): Matrix {
  const [align = 'xMidYMid', fit = 'meet'] = preserveAspectRatio.trim().split(/\s+/);
  let sx = width / viewBox.width;
  let sy = height / viewBox.height;
  if (align !== 'none') {
    sx = sy = fit === 'slice' ? Math.max(sx, sy) : Math.min(sx, sy);
  }
  const place = (axis: 'x' | 'y', room: number): number => {
    if (align === 'none') return 0;
    const part = axis === 'x' ? align.slice(1, 4) : align.slice(5, 8);
    return part === 'Min' ? 0 : part === 'Max' ? room : room / 2;
  };
  const tx = place('x', width - viewBox.width * sx);
  const ty = place('y', height - viewBox.height * sy);
  return multiply(translate(tx, ty), multiply(scale(sx, sy), translate(-viewBox.x, -viewBox.y)));
}
