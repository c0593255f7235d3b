/** Morphology on bit masks with exact Euclidean distances (Felzenszwalb & Huttenlocher, 2012). */

const INF = 1e20;

function edt1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  for (let q = 1; q < n; q++) {
    let s: number;
    for (;;) {
      const p = v[k] as number;
      s = ((f[q] as number) + q * q - ((f[p] as number) + p * p)) / (2 * q - 2 * p);
      if (s > (z[k] as number) || k === 0) break;
      k--;
    }
    if (s <= (z[k] as number)) {
      // Only reachable for k === 0 with s <= -INF: replace the first parabola.
      v[0] = q;
      z[0] = -INF;
      z[1] = INF;
      continue;
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = INF;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while ((z[k + 1] as number) < q) k++;
    const p = v[k] as number;
    d[q] = (q - p) * (q - p) + (f[p] as number);
  }
}

/** Squared distance from every pixel to the nearest pixel where `source` is 1. */
export function squaredDistanceTo(source: Uint8Array, width: number, height: number): Float64Array {
  const grid = new Float64Array(width * height);
  for (let i = 0; i < grid.length; i++) grid[i] = source[i] ? 0 : INF;
  const size = Math.max(width, height);
  const f = new Float64Array(size);
  const d = new Float64Array(size);
  const v = new Int32Array(size);
  const z = new Float64Array(size + 1);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = grid[y * width + x] as number;
    edt1d(f, height, d, v, z);
    for (let y = 0; y < height; y++) grid[y * width + x] = d[y] as number;
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) f[x] = grid[row + x] as number;
    edt1d(f, width, d, v, z);
    for (let x = 0; x < width; x++) grid[row + x] = d[x] as number;
  }
  return grid;
}

/** The box of set pixels grown by `margin`, clamped to the image; null when nothing is set. */
function cropBox(
  mask: Uint8Array,
  width: number,
  height: number,
  margin: number,
): [number, number, number, number] | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (mask[row + x]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
  }
  if (x1 < 0) return null;
  return [
    Math.max(0, x0 - margin),
    Math.max(0, y0 - margin),
    Math.min(width, x1 + margin + 1),
    Math.min(height, y1 + margin + 1),
  ];
}

/**
 * Runs `operate` on the part of the mask that can change (the set pixels' box plus `margin`), so
 * small inks on a large film cost little. Pixels outside the box stay 0.
 */
function cropped(
  mask: Uint8Array,
  width: number,
  height: number,
  margin: number,
  operate: (part: Uint8Array, w: number, h: number) => Uint8Array,
): Uint8Array {
  const result = new Uint8Array(mask.length);
  const box = cropBox(mask, width, height, margin);
  if (!box) return result;
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const h = y1 - y0;
  const part = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) part.set(mask.subarray((y0 + y) * width + x0, (y0 + y) * width + x1), y * w);
  const done = operate(part, w, h);
  for (let y = 0; y < h; y++) result.set(done.subarray(y * w, (y + 1) * w), (y0 + y) * width + x0);
  return result;
}

/** The mask shrunk by `radius` pixels: kept only where the nearest outside pixel is farther than that. */
export function erode(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  if (radius <= 0) return mask.slice();
  // One ring of unset pixels around the box, so edges of the box erode like edges of the image.
  return cropped(mask, width, height, 1, (part, w, h) => {
    const outside = new Uint8Array(part.length);
    for (let i = 0; i < part.length; i++) outside[i] = part[i] ? 0 : 1;
    const distance = squaredDistanceTo(outside, w, h);
    const r2 = radius * radius;
    const result = new Uint8Array(part.length);
    for (let i = 0; i < part.length; i++) result[i] = (distance[i] as number) > r2 ? 1 : 0;
    return result;
  });
}

/** The mask grown by `radius` pixels (every pixel within that distance of a set pixel). */
export function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  if (radius <= 0) return mask.slice();
  return cropped(mask, width, height, Math.ceil(radius) + 1, (part, w, h) => {
    const distance = squaredDistanceTo(part, w, h);
    const r2 = radius * radius;
    const result = new Uint8Array(part.length);
    for (let i = 0; i < part.length; i++) result[i] = (distance[i] as number) <= r2 ? 1 : 0;
    return result;
  });
}
