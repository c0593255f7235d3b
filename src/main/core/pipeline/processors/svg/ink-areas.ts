import sharp from 'sharp';
import { toHex } from '../../../../../shared/colour.ts';
import type { Paint, SvgArt } from './art.ts';
import { artToOps, type Ink } from './display-list.ts';
import { scale } from './matrix.ts';
import { displayPageToSvg } from './svg-draw.ts';

/** Long side of the measuring raster: 0.1 % of the artboard is still hundreds of pixels. */
const MEASURE_SIDE_PX = 1000;

/** How much of the artboard each paint colour covers once drawn (later shapes hide earlier ones). */
export interface ArtAreas {
  /** Visible share of the artboard per flat colour ('#rrggbb'), 0-1. */
  readonly byHex: ReadonlyMap<string, number>;
  /** Visible share of the artboard painted by gradients, 0-1. */
  readonly gradients: number;
  /** Visible share of the artboard that is inked at all, 0-1. */
  readonly inked: number;
}

/**
 * Renders the art once with every distinct paint in a code colour of its own (no blending, so a
 * pixel's colour says which paint is on top there) and counts pixels. Anti-aliased edge pixels
 * match no code and are left out of every count.
 */
export async function measureArtAreas(art: SvgArt): Promise<ArtAreas> {
  const keys: string[] = [];
  const keyOf = (paint: Paint): string => (paint.gradient ? 'gradient' : toHex(paint.rgb));
  for (const item of art.items)
    for (const paint of [item.fill, item.stroke?.paint]) {
      if (!paint || paint.opacity <= 0) continue;
      const key = keyOf(paint);
      if (!keys.includes(key)) keys.push(key);
    }
  // Code colours on a 6-level cube, far apart, so no blend of two is a third; code 0 is the paper.
  const code = (index: number): [number, number, number] => [
    (index % 6) * 51,
    (Math.floor(index / 6) % 6) * 51,
    (Math.floor(index / 36) % 6) * 51,
  ];
  const limited = keys.slice(0, 215);
  const inks = new Map<string, Ink>();
  const colours = new Map<Ink, string>();
  limited.forEach((key, index) => {
    const ink: Ink = { space: 'separation', name: key, alternate: [0, 0, 0, 0], tint: 1 };
    inks.set(key, ink);
    colours.set(ink, toHex(code(index + 1)));
  });
  const pxPerPt = MEASURE_SIDE_PX / Math.max(art.widthPt, art.heightPt);
  const width = Math.max(1, Math.round(art.widthPt * pxPerPt));
  const height = Math.max(1, Math.round(art.heightPt * pxPerPt));
  const ops = artToOps(art, scale(1), (paint) => {
    const ink = paint.opacity > 0 ? inks.get(keyOf(paint)) : undefined;
    return ink ? { ink, opacity: 1 } : null;
  });
  const svg = displayPageToSvg(
    { widthPt: art.widthPt, heightPt: art.heightPt, ops },
    pxPerPt,
    (ink) => colours.get(ink) ?? '#000000',
    '#000000',
  );
  const { data, info } = await sharp(Buffer.from(svg))
    .resize(width, height, { fit: 'fill' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const counts = new Array<number>(limited.length + 1).fill(0);
  const channels = info.channels;
  for (let i = 0; i < data.length; i += channels) {
    const r = data[i] as number;
    const g = data[i + 1] as number;
    const b = data[i + 2] as number;
    if (r % 51 !== 0 || g % 51 !== 0 || b % 51 !== 0) continue;
    const index = r / 51 + (g / 51) * 6 + (b / 51) * 36;
    if (index <= limited.length) counts[index] = (counts[index] ?? 0) + 1;
  }
  const total = info.width * info.height;
  const byHex = new Map<string, number>();
  let gradients = 0;
  let inked = 0;
  limited.forEach((key, index) => {
    const share = (counts[index + 1] ?? 0) / total;
    inked += share;
    if (key === 'gradient') gradients = share;
    else byHex.set(key, share);
  });
  return { byHex, gradients, inked };
}
