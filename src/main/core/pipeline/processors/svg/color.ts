import Color from '@img/colour';
import type { Rgb } from '../../../../../shared/colour.ts';

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
