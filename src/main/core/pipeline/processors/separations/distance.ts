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

/** The mask shrunk by `radius` pixels: kept only where the nearest outside pixel is farther than that. */
export function erode(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  if (radius <= 0) return mask.slice();
  const outside = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) outside[i] = mask[i] ? 0 : 1;
  const distance = squaredDistanceTo(outside, width, height);
  const r2 = radius * radius;
  const result = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) result[i] = (distance[i] as number) > r2 ? 1 : 0;
  return result;
}

/** The mask grown by `radius` pixels (every pixel within that distance of a set pixel). */
export function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  if (radius <= 0) return mask.slice();
  const distance = squaredDistanceTo(mask, width, height);
  const r2 = radius * radius;
  const result = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) result[i] = (distance[i] as number) <= r2 ? 1 : 0;
  return result;
}
