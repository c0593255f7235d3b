import type { Rgb } from '../artwork/colour.ts';
import { inkWeight, isLightDetail, lightness } from '../artwork/knockout.ts';
import { formatNumber, frameSvg, splitSvg } from '../artwork/svg-frame.ts';
import { recolourWith } from './colourways.ts';

/**
 * Paints straight-alpha RGBA one colour in place; with `knockout`, light pixels (the one-colour
 * rule, artwork/knockout.ts) fade out to holes.
 */
export function oneColourPixels(rgba: Buffer, colour: Rgb, knockout: boolean, threshold?: number | null): void {
  const memo = new Map<number, number>();
  for (let i = 0; i < rgba.length; i += 4) {
    const alpha = rgba[i + 3] as number;
    if (alpha === 0) continue;
    if (knockout) {
      const key = ((rgba[i] as number) << 16) | ((rgba[i + 1] as number) << 8) | (rgba[i + 2] as number);
      let keep = memo.get(key);
      if (keep === undefined) {
        keep = inkWeight(lightness([key >> 16, (key >> 8) & 255, key & 255]), threshold);
        memo.set(key, keep);
      }
      rgba[i + 3] = Math.round(alpha * keep);
    }
    rgba[i] = colour[0];
    rgba[i + 1] = colour[1];
    rgba[i + 2] = colour[2];
  }
}

const MASK_ID = 'marque-one-colour';

/**
 * The one-colour SVG: with knockout, the artwork becomes a luminance mask (light parts black =
 * holes, the rest white) over one rectangle of the colour, so light details are true holes
 * whatever is stacked under them. Without knockout, every colour is simply replaced.
 */
export function oneColourSvg(
  svg: string,
  colour: Rgb,
  knockout: boolean,
  size: { width: number; height: number },
  threshold?: number | null,
): string {
  const hex = `#${colour.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  if (!knockout) return recolourWith(svg, () => colour);
  const masked = recolourWith(svg, (rgb) => (isLightDetail(rgb, threshold) ? [0, 0, 0] : [255, 255, 255]));
  const parts = splitSvg(masked, size);
  const { x, y, width, height } = parts.viewBox;
  const area = `x="${formatNumber(x)}" y="${formatNumber(y)}" width="${formatNumber(width)}" height="${formatNumber(height)}"`;
  const inner =
    `<defs><mask id="${MASK_ID}" maskUnits="userSpaceOnUse" ${area}><g fill="#ffffff">${parts.inner}</g></mask></defs>` +
    `<rect ${area} fill="${hex}" mask="url(#${MASK_ID})"/>`;
  // The root's own fill was for the artwork, now inside the mask.
  const withoutFill = { ...parts, attributes: new Map([...parts.attributes].filter(([name]) => name !== 'fill')) };
  return frameSvg(withoutFill, { viewBox: parts.viewBox, width, height, inner });
}
