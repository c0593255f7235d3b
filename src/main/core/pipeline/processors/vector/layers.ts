import { MAX_RETAINED_WORDS, type PixelBox } from './potrace.ts';

let stack = new Int32Array(0);

/**
 * The bitmap of one stacked colour layer, written into `out` (1 = ink); returns its bounding box,
 * null when empty. `levels` holds each pixel's stacking position + 1 (0 = transparent).
 *
 * The layer is its own pixels plus every region of colours stacked above it that touches it
 * (4-connected), so upper colours lie on an unbroken lower layer and their anti-aliased edges show
 * that colour, not a hairline of the backdrop. Regions above that do not touch it (text beside a
 * badge) are left out, so their outer edges do not pick up a fringe of a colour they never met.
 */
export function stackedLayer(
  levels: Uint8Array,
  width: number,
  height: number,
  level: number,
  ownBox: PixelBox,
  out: Uint8Array,
): PixelBox | null {
  out.fill(0);
  if (levels.length > MAX_RETAINED_WORDS) stack = new Int32Array(levels.length);
  else if (stack.length < levels.length) stack = new Int32Array(levels.length);
  let top = 0;
  let x0 = width;
  let y0 = height;
  let x1 = 0;
  let y1 = 0;
  const mark = (i: number) => {
    out[i] = 1;
    const x = i % width;
    const y = (i - x) / width;
    if (x < x0) x0 = x;
    if (x >= x1) x1 = x + 1;
    if (y < y0) y0 = y;
    if (y >= y1) y1 = y + 1;
  };
  for (let y = ownBox.y0; y < ownBox.y1; y++) {
    for (let x = ownBox.x0, i = y * width + ownBox.x0; x < ownBox.x1; x++, i++) {
      if (levels[i] !== level) continue;
      out[i] = 1;
      if (x < x0) x0 = x;
      if (x >= x1) x1 = x + 1;
      if (y < y0) y0 = y;
      if (y >= y1) y1 = y + 1;
      if (x > 0 && (levels[i - 1] as number) > level && !out[i - 1]) {
        mark(i - 1);
        stack[top++] = i - 1;
      }
      if (x < width - 1 && (levels[i + 1] as number) > level && !out[i + 1]) {
        mark(i + 1);
        stack[top++] = i + 1;
      }
      if (y > 0 && (levels[i - width] as number) > level && !out[i - width]) {
        mark(i - width);
        stack[top++] = i - width;
      }
      if (y < height - 1 && (levels[i + width] as number) > level && !out[i + width]) {
        mark(i + width);
        stack[top++] = i + width;
      }
    }
  }
  while (top > 0) {
    const i = stack[--top] as number;
    const x = i % width;
    if (x > 0 && (levels[i - 1] as number) > level && !out[i - 1]) {
      mark(i - 1);
      stack[top++] = i - 1;
    }
    if (x < width - 1 && (levels[i + 1] as number) > level && !out[i + 1]) {
      mark(i + 1);
      stack[top++] = i + 1;
    }
    if (i >= width && (levels[i - width] as number) > level && !out[i - width]) {
      mark(i - width);
      stack[top++] = i - width;
    }
    if (i < width * (height - 1) && (levels[i + width] as number) > level && !out[i + width]) {
      mark(i + width);
      stack[top++] = i + width;
    }
  }
  if (stack.length > MAX_RETAINED_WORDS) stack = new Int32Array(0);
  return x1 > x0 ? { x0, y0, x1, y1 } : null;
}
