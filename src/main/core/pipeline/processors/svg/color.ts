import Color from '@img/colour';

export type Rgb = readonly [number, number, number];
export type Cmyk = readonly [number, number, number, number];

/** Parses a CSS colour (hex, rgb(), hsl(), names); null for none/transparent/unparseable. */
export function parseCssColor(text: string): { rgb: Rgb; alpha: number } | null {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'none' || value === 'transparent') return null;
  try {
    const color = Color(value);
    const [r = 0, g = 0, b = 0] = color.rgb().array();
    return { rgb: [Math.round(r), Math.round(g), Math.round(b)], alpha: color.alpha() };
  } catch {
    return null;
  }
}

export function rgbToHex(rgb: Rgb): string {
  return `#${rgb.map((part) => Math.round(part).toString(16).padStart(2, '0')).join('')}`;
}

export function hexToRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.replace('#', '').slice(0, 6), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Naive device CMYK in percent (no ICC profile), the same rule as the palette's `cmyk`. */
export function rgbToCmyk(rgb: Rgb): Cmyk {
  const [r, g, b] = rgb.map((part) => part / 255) as [number, number, number];
  const k = 1 - Math.max(r, g, b);
  if (k >= 1 - 1e-9) return [0, 0, 0, 100];
  const percent = (value: number): number => Math.round(((1 - value - k) / (1 - k)) * 1000) / 10;
  return [percent(r), percent(g), percent(b), Math.round(k * 1000) / 10];
}

/** CIE L*a*b* (D65) of an sRGB colour. */
export function rgbToLab(rgb: Rgb): readonly [number, number, number] {
  const linear = rgb.map((part) => {
    const c = part / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const [r, g, b] = linear;
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

export function deltaE(a: Rgb, b: Rgb): number {
  const [l1, a1, b1] = rgbToLab(a);
  const [l2, a2, b2] = rgbToLab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/** True for colours a printer treats as paper (no ink) on a light substrate. */
export function isPaperWhite(rgb: Rgb): boolean {
  return rgb[0] >= 250 && rgb[1] >= 250 && rgb[2] >= 250;
}
