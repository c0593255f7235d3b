import type { ProcessorInput } from '../../processor.ts';
import type { Rgb } from '../artwork/colour.ts';
import { inkWeight, isLightDetail, lightness } from '../artwork/knockout.ts';
import { oneColourOutline, oneColourRole, outlineToPathData, pixelRuleNeeded } from '../artwork/knockout-geometry.ts';
import { formatNumber, frameSvg, splitSvg } from '../artwork/svg-frame.ts';
import type { SvgArt } from '../svg/art.ts';
import { loadOneColourTrace } from '../svg/load-art.ts';
import { IDENTITY, invert, multiply } from '../svg/matrix.ts';
import { parseSvgArt } from '../svg/parse-svg.ts';
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
 * The one-colour SVG. With knockout, one path whose holes are real geometry (the art's shapes
 * combined in stacking order, see knockout-geometry.ts), so a cutter or plotter sees the letters.
 * Where no verdict per shape is right (a gradient across the threshold, a fade, a translucent
 * light shape: see pixelRuleNeeded), `traced` is that path traced from the master's render (see
 * tracedOneColourPath). When the parser cannot follow the art (text, masks, images), a luminance
 * mask over one rectangle of the colour instead. Without knockout, every colour is replaced.
 */
export function oneColourSvg(
  svg: string,
  colour: Rgb,
  knockout: boolean,
  size: { width: number; height: number },
  threshold?: number | null,
  traced?: string | null,
): string {
  const hex = `#${colour.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  if (!knockout) return recolourWith(svg, () => colour);
  const outline = oneColourOutlineSvg(svg, hex, size, threshold, traced ?? null);
  if (outline) return outline;
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

/** The SVG's art, or null when the parser could not follow all of it (text, masks, images). */
function followedArt(svg: string): SvgArt | null {
  try {
    const art = parseSvgArt(svg);
    return art.warnings.length > 0 ? null : art;
  } catch {
    return null;
  }
}

/** Flat to 1/20 000 of the artboard: invisible at any print size, few points on small viewBoxes. */
const flatnessOf = (width: number, height: number): number => Math.max(width, height) / 20_000;

/** The knocked-out art as one outline path, or null when the parser could not follow all of it. */
function oneColourOutlineSvg(
  svg: string,
  hex: string,
  size: { width: number; height: number },
  threshold: number | null | undefined,
  traced: string | null,
): string | null {
  const art = followedArt(svg);
  if (!art) return null;
  const byPixels = pixelRuleNeeded(art.items, threshold);
  if (byPixels && traced === null) return null;
  const parts = splitSvg(svg, size);
  const { x, y, width, height } = parts.viewBox;
  const d = byPixels
    ? traced
    : outlineToPathData(oneColourOutline(art.items, IDENTITY, oneColourRole(threshold), flatnessOf(width, height)));
  const withoutFill = { ...parts, attributes: new Map([...parts.attributes].filter(([name]) => name !== 'fill')) };
  return frameSvg(withoutFill, {
    viewBox: { x, y, width, height },
    width,
    height,
    inner: d ? `<path fill="${hex}" d="${d}"/>` : '',
  });
}

/**
 * The one-colour rule applied to the master's render and traced (as the PDF's one-colour versions
 * do, see loadOneColourTrace), as one path in the SVG's own user units; null when the art's own
 * shapes carry the rule, or cannot be parsed.
 */
export async function tracedOneColourPath(input: ProcessorInput, svg: string): Promise<string | null> {
  const art = followedArt(svg);
  if (!art) return null;
  const traced = await loadOneColourTrace(input, { art, source: 'svg' });
  const toUser = invert(art.rootMatrix);
  if (!traced || !toUser) return null;
  const toSvg = multiply(toUser, traced.art.rootMatrix);
  const flatness = flatnessOf(art.viewBox.width, art.viewBox.height);
  // The trace is knocked out already: every shape of it is ink.
  return outlineToPathData(oneColourOutline(traced.art.items, toSvg, () => 'ink', flatness));
}
