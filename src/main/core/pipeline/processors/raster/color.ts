/**
 * Colour conversions used by the analysis processors: sRGB to CIE L*a*b* (D65), CIE76 distance,
 * naive CMYK and hex. Lab is what "near" means everywhere (background tolerance, palette merging,
 * trace fidelity), because equal RGB steps are not equal steps to the eye.
 */

export type Rgb = readonly [number, number, number];
export type Lab = readonly [number, number, number];

/** sRGB byte -> linear light, precomputed: the conversion runs per pixel. */
const LINEAR = new Float64Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  LINEAR[i] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

// D65 reference white.
const XN = 0.95047;
const YN = 1;
const ZN = 1.08883;

function labF(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116;
}

/** CIE L*a*b* (D65) of an sRGB colour given as bytes. */
export function rgbToLab(r: number, g: number, b: number): Lab {
  const lr = LINEAR[r] as number;
  const lg = LINEAR[g] as number;
  const lb = LINEAR[b] as number;
  const x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / XN;
  const y = (0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb) / YN;
  const z = (0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb) / ZN;
  const fx = labF(x);
  const fy = labF(y);
  const fz = labF(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIE76 colour difference (Euclidean distance in Lab). */
export function deltaE76(a: Lab, b: Lab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/**
 * A cache of Lab values by packed 24-bit RGB: logos have few distinct colours, and runs of equal
 * pixels are the norm, so this turns a per-pixel cube root into a lookup.
 */
export class LabCache {
  readonly #cache = new Map<number, Lab>();

  get(r: number, g: number, b: number): Lab {
    const key = (r << 16) | (g << 8) | b;
    let lab = this.#cache.get(key);
    if (lab === undefined) {
      lab = rgbToLab(r, g, b);
      this.#cache.set(key, lab);
    }
    return lab;
  }
}

/** '#rrggbb', lower case. */
export function rgbToHex(r: number, g: number, b: number): string {
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

/** Parses '#rgb' or '#rrggbb'; null when malformed. */
export function hexToRgb(hex: string): Rgb | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return null;
  let digits = match[1] as string;
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  const value = Number.parseInt(digits, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Naive device CMYK in percent (no ICC profile), rounded to whole percent. */
export function rgbToCmyk(r: number, g: number, b: number): readonly [number, number, number, number] {
  const k = 1 - Math.max(r, g, b) / 255;
  if (k >= 1) return [0, 0, 0, 100];
  const scale = (v: number) => Math.round(((1 - v / 255 - k) / (1 - k)) * 100);
  return [scale(r), scale(g), scale(b), Math.round(k * 100)];
}
