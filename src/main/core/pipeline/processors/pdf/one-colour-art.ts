import sharp from 'sharp';
import { isLightDetail, knocksOut } from '../artwork/knockout.ts';
import type { PaintItem, SvgArt } from '../svg/art.ts';
import { artToOps, type DrawOp, type Ink, MASK_HOLE, MASK_KEEP } from '../svg/display-list.ts';
import { applyToPoint, type Matrix, multiply } from '../svg/matrix.ts';
import { pathBounds } from '../svg/path-bounds.ts';
import { displayPageToSvg } from '../svg/svg-draw.ts';

/** Share of the artboard a light shape must cover to count as its backdrop. */
const BACKDROP_COVER = 0.95;
/** Longest side of the render that measures how much of the mark is light. */
const PROBE_PX = 256;

function covers(item: PaintItem, art: SvgArt): number {
  const box = pathBounds(item.d);
  if (!box) return 0;
  const toArtboard = multiply(art.rootMatrix, item.matrix);
  const corners = [
    applyToPoint(toArtboard, box.x, box.y),
    applyToPoint(toArtboard, box.x + box.width, box.y),
    applyToPoint(toArtboard, box.x, box.y + box.height),
    applyToPoint(toArtboard, box.x + box.width, box.y + box.height),
  ];
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  const width = Math.min(art.widthPt, Math.max(...xs)) - Math.max(0, Math.min(...xs));
  const height = Math.min(art.heightPt, Math.max(...ys)) - Math.max(0, Math.min(...ys));
  return width > 0 && height > 0 ? (width * height) / (art.widthPt * art.heightPt) : 0;
}

function isBackdrop(item: PaintItem, art: SvgArt): boolean {
  const fill = item.fill;
  if (!fill || fill.opacity < 0.99 || !isLightDetail(fill.rgb) || item.clips.length > 0) return false;
  if (item.stroke && !isLightDetail(item.stroke.paint.rgb)) return false;
  return covers(item, art) >= BACKDROP_COVER;
}

/**
 * The mark without its backdrop: leading light shapes that cover the artboard (the white
 * rectangle many SVG exports start with) are paper, not part of the logo, so a one-colour version
 * must not turn them into a solid block.
 */
export function withoutBackdrop(art: SvgArt): SvgArt {
  let first = 0;
  while (first < art.items.length && isBackdrop(art.items[first] as PaintItem, art)) first++;
  return first === 0 ? art : { ...art, items: art.items.slice(first) };
}

/** The art's stacking drawn as a knockout mask: light paints cut holes, every other paint keeps. */
function maskOps(art: SvgArt, placement: Matrix) {
  return artToOps(art, placement, (paint) => ({
    ink: isLightDetail(paint.rgb) ? MASK_HOLE : MASK_KEEP,
    opacity: paint.opacity,
  }));
}

/**
 * Whether the one-colour versions knock light details out, by the same rule as the package's
 * PNG and SVG colourways (artwork/knockout.ts): light must be some of the visible ink, not most.
 * Measured on a small render, because what shows is what counts (a white shape under a dark one
 * is not a detail).
 */
export async function measureKnockout(art: SvgArt): Promise<boolean> {
  if (!art.items.some((item) => [item.fill, item.stroke?.paint].some((paint) => paint && isLightDetail(paint.rgb))))
    return false;
  const pxPerPt = PROBE_PX / Math.max(art.widthPt, art.heightPt);
  const page = { widthPt: art.widthPt, heightPt: art.heightPt, ops: maskOps(art, [1, 0, 0, 1, 0, 0]) };
  const svg = displayPageToSvg(page, pxPerPt, (ink) => (ink === MASK_HOLE ? '#ffffff' : '#000000'));
  const { data } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let ink = 0;
  let light = 0;
  for (let i = 0; i < data.length; i += 4) {
    if ((data[i + 3] as number) < 128) continue;
    ink++;
    if ((data[i] as number) >= 128) light++;
  }
  return ink > 0 && knocksOut(light / ink);
}

/**
 * The mark in one ink at `placement`: with knockout, one soft-masked fill whose light details are
 * true holes (whatever the PDF is placed on shows through); otherwise every shape in the ink.
 */
export function oneColourOps(
  art: SvgArt,
  placement: Matrix,
  ink: Ink,
  knockout: boolean,
  page: { readonly widthPt: number; readonly heightPt: number },
): DrawOp[] {
  if (!knockout) return artToOps(art, placement, (paint) => ({ ink, opacity: paint.opacity }));
  return [{ kind: 'knockout', area: [0, 0, page.widthPt, page.heightPt], ink, mask: maskOps(art, placement) }];
}
