import type { Rgb } from '../artwork/colour.ts';
import { parseHex, toHex } from '../artwork/colour.ts';

/**
 * The colourways of a logo package. Each is a per-pixel function of colour (alpha kept), so the
 * same map recolours SVG fills and rendered pixels alike, and both stay identical.
 */
export const COLOURWAYS = {
  FullColor: { label: 'full colour', use: 'the default, on white or light backgrounds', map: (rgb: Rgb): Rgb => rgb },
  Black: {
    label: 'black',
    use: 'one-colour printing, engraving, stamps, on light backgrounds',
    map: (): Rgb => [0, 0, 0],
  },
  White: { label: 'white (reverse)', use: 'on dark colours and photographs', map: (): Rgb => [255, 255, 255] },
  Reversed: {
    label: 'reversed',
    use: 'on dark backgrounds in colour: brand colours that read on dark are kept, the rest is white (or all white)',
    // Decided per logo from its colours (see reversed.ts): the map here is only the identity.
    map: (rgb: Rgb): Rgb => rgb,
  },
  Grayscale: {
    label: 'greyscale',
    use: 'black-and-white print that can show tones (newspapers, laser printers)',
    map: (rgb: Rgb): Rgb => {
      const grey = Math.round(0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]);
      return [grey, grey, grey];
    },
  },
} as const satisfies Record<string, { label: string; use: string; map: (rgb: Rgb) => Rgb }>;

export type ColourwayName = keyof typeof COLOURWAYS;
export const COLOURWAY_NAMES = Object.keys(COLOURWAYS) as ColourwayName[];

/** Applies a colourway to straight-alpha RGBA pixels in place (memoized: logos use few colours). */
export function recolourPixels(rgba: Buffer, name: ColourwayName): void {
  if (name === 'FullColor') return;
  recolourPixelsWith(rgba, COLOURWAYS[name].map);
}

/** Applies any colour map to straight-alpha RGBA pixels in place. */
export function recolourPixelsWith(rgba: Buffer, map: (rgb: Rgb) => Rgb): void {
  const memo = new Map<number, number>();
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] === 0) continue;
    const key = ((rgba[i] as number) << 16) | ((rgba[i + 1] as number) << 8) | (rgba[i + 2] as number);
    let mapped = memo.get(key);
    if (mapped === undefined) {
      const [r, g, b] = map([key >> 16, (key >> 8) & 255, key & 255]);
      mapped = (r << 16) | (g << 8) | b;
      memo.set(key, mapped);
    }
    rgba[i] = mapped >> 16;
    rgba[i + 1] = (mapped >> 8) & 255;
    rgba[i + 2] = mapped & 255;
  }
}

const COLOUR_PROPERTY = '(fill|stroke|stop-color|flood-color|lighting-color|color)';
const ATTRIBUTE = new RegExp(`(\\s${COLOUR_PROPERTY}\\s*=\\s*["'])([^"']*)(["'])`, 'gi');
const DECLARATION = new RegExp(`((?:^|[;{\\s"'])${COLOUR_PROPERTY}\\s*:\\s*)([^;}"']+)`, 'gi');

function mapValue(value: string, map: (rgb: Rgb) => Rgb): string {
  const trimmed = value.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})([0-9a-f]{2})?$/i.exec(trimmed);
  if (hex) return toHex(map(parseHex(`#${hex[1]}`) as Rgb)) + (hex[2] ?? '');
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)\s*(?:[,/]\s*([\d.%]+)\s*)?\)$/i.exec(trimmed);
  if (rgb) {
    const mapped = toHex(map([Number(rgb[1]), Number(rgb[2]), Number(rgb[3])]));
    return rgb[4]
      ? `${mapped}${Math.round(Math.min(1, Number.parseFloat(rgb[4]) / (rgb[4].endsWith('%') ? 100 : 1)) * 255)
          .toString(16)
          .padStart(2, '0')}`
      : mapped;
  }
  if (/^(black)$/i.test(trimmed)) return toHex(map([0, 0, 0]));
  if (/^(white)$/i.test(trimmed)) return toHex(map([255, 255, 255]));
  return value; // none, currentColor, url(#…), inherit: left as they are
}

/**
 * Recolours an SVG (after svgo, whose convertColors turns names and rgb() into hex) by rewriting
 * every colour in presentation attributes and style declarations. The root gets an explicit fill
 * when black (the initial fill) maps to something else, so unfilled shapes follow the colourway.
 */
export function recolourSvg(svg: string, name: ColourwayName): string {
  return name === 'FullColor' ? svg : recolourWith(svg, COLOURWAYS[name].map);
}

/** recolourSvg with any colour map. */
export function recolourWith(svg: string, map: (rgb: Rgb) => Rgb): string {
  let out = svg
    .replace(
      ATTRIBUTE,
      (_all, head: string, _prop: string, value: string, tail: string) => `${head}${mapValue(value, map)}${tail}`,
    )
    .replace(DECLARATION, (_all, head: string, _prop: string, value: string) => `${head}${mapValue(value, map)}`);
  const initial = toHex(map([0, 0, 0]));
  const root = /<svg\b[^>]*>/i.exec(out);
  if (root && initial !== '#000000' && !/\sfill\s*=/.test(root[0])) {
    out = `${out.slice(0, root.index + 4)} fill="${initial}"${out.slice(root.index + 4)}`;
  }
  return out;
}
