/**
 * The one colour module: hex, sRGB, CIE L*a*b*, colour differences and contrast, used by the
 * library (colour search), every processor and the renderer. Pure maths, no Node, no DOM.
 * Press CMYK is not here: it needs an ICC profile (src/main/core/colour/icc.ts).
 *
 * Lab is D65 with the sRGB matrix of IEC 61966-2-1 and the exact CIE constants (216/24389,
 * 24389/27); tests hold it to published reference values.
 */

export type Rgb = readonly [number, number, number];
export type Lab = readonly [number, number, number];
/** CMYK in percent, 0-100 per channel. */
export type Cmyk = readonly [number, number, number, number];

/** Parses '#rgb' or '#rrggbb' (case-insensitive, '#' optional); null when it is not a hex colour. */
export function parseHex(hex: string): Rgb | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return null;
  let digits = match[1] as string;
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  const value = Number.parseInt(digits, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Like parseHex, for hex the contract already validated: black for anything malformed. */
export function hexToRgb(hex: string): Rgb {
  return parseHex(hex) ?? [0, 0, 0];
}

/** '#rrggbb', lower case; channels are rounded and clamped to 0-255. */
export function toHex(rgb: Rgb): string {
  return `#${rgb
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** sRGB byte -> linear light, precomputed: the conversion runs per pixel. */
const LINEAR = new Float64Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  LINEAR[i] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function linear(channel: number): number {
  const byte = Math.round(Math.min(255, Math.max(0, channel)));
  return LINEAR[byte] as number;
}

// D65 reference white (the sRGB white point).
const XN = 0.95047;
const YN = 1;
const ZN = 1.08883;
const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

function labF(t: number): number {
  return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}

/** CIE L*a*b* (D65) of an sRGB colour given as bytes. */
export function rgbToLab(rgb: Rgb): Lab {
  const lr = linear(rgb[0]);
  const lg = linear(rgb[1]);
  const lb = linear(rgb[2]);
  const x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / XN;
  const y = (0.2126729 * lr + 0.7151522 * lg + 0.072175 * lb) / YN;
  const z = (0.0193339 * lr + 0.119192 * lg + 0.9503041 * lb) / ZN;
  const fy = labF(y);
  return [116 * fy - 16, 500 * (labF(x) - fy), 200 * (fy - labF(z))];
}

export function hexToLab(hex: string): Lab {
  return rgbToLab(hexToRgb(hex));
}

/** CIE76 colour difference (Euclidean distance in Lab): cheap, what "near" means per pixel. */
export function deltaE76(a: Lab, b: Lab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** CIE76 between two sRGB colours. */
export function deltaERgb(a: Rgb, b: Rgb): number {
  return deltaE76(rgbToLab(a), rgbToLab(b));
}

const DEG = Math.PI / 180;

/**
 * CIEDE2000 (kL = kC = kH = 1), the difference ink books are matched by: closer to what a
 * printer sees than CIE76 for saturated blues and near-neutrals. Sharma, Wu and Dalal (2005).
 */
export function deltaE2000(lab1: Lab, lab2: Lab): number {
  const [L1, a1, b1] = lab1;
  const [L2, a2, b2] = lab2;
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1);
  const c2p = Math.hypot(a2p, b2);
  const hue = (b: number, a: number): number => {
    if (a === 0 && b === 0) return 0;
    const h = Math.atan2(b, a) / DEG;
    return h < 0 ? h + 360 : h;
  };
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);
  const dLp = L2 - L1;
  const dCp = c2p - c1p;
  let dhp = 0;
  if (c1p * c2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin((dhp / 2) * DEG);
  const lBarP = (L1 + L2) / 2;
  const cBarP = (c1p + c2p) / 2;
  let hBarP = h1p + h2p;
  if (c1p * c2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hBarP = (h1p + h2p) / 2;
    else hBarP = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  }
  const t =
    1 -
    0.17 * Math.cos((hBarP - 30) * DEG) +
    0.24 * Math.cos(2 * hBarP * DEG) +
    0.32 * Math.cos((3 * hBarP + 6) * DEG) -
    0.2 * Math.cos((4 * hBarP - 63) * DEG);
  const dTheta = 30 * Math.exp(-(((hBarP - 275) / 25) ** 2));
  const rc = 2 * Math.sqrt(cBarP ** 7 / (cBarP ** 7 + 25 ** 7));
  const sl = 1 + (0.015 * (lBarP - 50) ** 2) / Math.sqrt(20 + (lBarP - 50) ** 2);
  const sc = 1 + 0.045 * cBarP;
  const sh = 1 + 0.015 * cBarP * t;
  const rt = -Math.sin(2 * dTheta * DEG) * rc;
  return Math.sqrt((dLp / sl) ** 2 + (dCp / sc) ** 2 + (dHp / sh) ** 2 + rt * (dCp / sc) * (dHp / sh));
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
      lab = rgbToLab([r, g, b]);
      this.#cache.set(key, lab);
    }
    return lab;
  }
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance(rgb: Rgb): number {
  return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
}

/** WCAG contrast ratio, 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * True for colours a printer treats as paper (no ink) on a white substrate: within ΔE76 3 of
 * white: ivory #ffffef (ΔE 8.1) is paper; a cream ink such as #fdf6e3 (ΔE 10.5) is not.
 */
export function isPaperWhite(rgb: Rgb): boolean {
  return deltaE76(rgbToLab(rgb), WHITE_LAB) < PAPER_DELTA_E;
}

const WHITE_LAB = rgbToLab([255, 255, 255]);
const PAPER_DELTA_E = 9;

/**
 * Device CMYK in whole percent from the formula K = 1 - max(R, G, B), with no profile: only a
 * stand-in stored with palettes a designer typed in by hand, until a palette run gives the press
 * profile's values. Print output never uses it.
 */
export function uncalibratedCmyk(rgb: Rgb): Cmyk {
  const [r, g, b] = rgb;
  const k = 1 - Math.max(r, g, b) / 255;
  if (k >= 1) return [0, 0, 0, 100];
  const scale = (v: number) => Math.round(((1 - v / 255 - k) / (1 - k)) * 100);
  return [scale(r), scale(g), scale(b), Math.round(k * 100)];
}
