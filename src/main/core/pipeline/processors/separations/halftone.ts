/** Amplitude-modulated halftone screening of an ink-amount raster into film (grey + alpha, opaque black = ink). */

export type DotShape = 'round' | 'ellipse';

export interface Screen {
  readonly lpi: number;
  readonly angleDeg: number;
  readonly dot: DotShape;
}

const LUT_SIZE = 128;
/** Amounts this close to 0 or 1 are solid: anti-aliased edges are thresholded, not screened. */
const SOLID_EPSILON = 0.02;

/**
 * A threshold array over one halftone cell, linearised so that a tint t turns exactly t of the cell
 * black (the rank of the spot function, not its raw value), so a 30 % patch measures 30 % on film.
 */
function thresholdLut(dot: DotShape): Float32Array {
  const n = LUT_SIZE * LUT_SIZE;
  const raw = new Float64Array(n);
  for (let y = 0; y < LUT_SIZE; y++) {
    for (let x = 0; x < LUT_SIZE; x++) {
      const u = ((x + 0.5) / LUT_SIZE) * 2 * Math.PI;
      const v = ((y + 0.5) / LUT_SIZE) * 2 * Math.PI;
      // Dots grow from the cell centre (u = v = π); the elliptical dot is stretched along one axis.
      const spot =
        dot === 'round' ? -(Math.cos(u) + Math.cos(v)) : -(Math.cos(u) + 0.6 * Math.cos(v)) + 0.001 * Math.sin(u + v);
      // A tiny tie-breaker keeps ranks unique, so the result never depends on sort stability.
      raw[y * LUT_SIZE + x] = spot + (y * LUT_SIZE + x) * 1e-12;
    }
  }
  const order = [...raw.keys()].sort((a, b) => (raw[a] as number) - (raw[b] as number));
  const lut = new Float32Array(n);
  order.forEach((index, rank) => {
    lut[index] = (rank + 0.5) / n;
  });
  return lut;
}

/**
 * Screens `amount` (0-255 = 0-100 % ink) into a bilevel film. `screen` null means solid only:
 * every pixel of at least 50 % ink prints solid, anything less prints nothing. Written as grey +
 * alpha pixels (black, opaque where ink goes): the layout of the PNG made from it.
 */
export function screenToFilm(
  amount: Uint8Array,
  width: number,
  height: number,
  dpi: number,
  screen: Screen | null,
): Uint8Array {
  const film = new Uint8Array(width * height * 2);
  const low = Math.round(SOLID_EPSILON * 255);
  const high = 255 - low;
  if (!screen) {
    for (let i = 0; i < amount.length; i++) if ((amount[i] as number) >= 128) film[i * 2 + 1] = 255;
    return film;
  }
  const lut = thresholdLut(screen.dot);
  const cell = dpi / screen.lpi;
  const rad = (screen.angleDeg * Math.PI) / 180;
  const cos = Math.cos(rad) / cell;
  const sin = Math.sin(rad) / cell;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const a = amount[row + x] as number;
      if (a <= low) continue;
      if (a >= high) {
        film[(row + x) * 2 + 1] = 255;
        continue;
      }
      // Pixel centre in screen-cell units, rotated by the screen angle.
      const u = (x + 0.5) * cos + (y + 0.5) * sin;
      const v = -(x + 0.5) * sin + (y + 0.5) * cos;
      const lx = Math.floor((u - Math.floor(u)) * LUT_SIZE);
      const ly = Math.floor((v - Math.floor(v)) * LUT_SIZE);
      if (a / 255 > (lut[ly * LUT_SIZE + lx] as number)) film[(row + x) * 2 + 1] = 255;
    }
  }
  return film;
}
