import sharp from 'sharp';
import type { PaintItem, SvgArt } from '../svg/art.ts';
import { artToOps, type Ink, type PathOp } from '../svg/display-list.ts';
import { type Matrix, multiply, parseTransform, scale, translate } from '../svg/matrix.ts';
import { displayPageToSvg } from '../svg/svg-draw.ts';
import { traceMask } from '../vector/potrace.ts';

/** Working resolution of raster geometry: fine enough that a 0.5 pt choke is several pixels. */
const MAX_SIDE_PX = 2000;
const MAX_PX_PER_PT = 12;
const PAD_PX = 8;

/**
 * A raster of the art at print size, for geometry that needs what is *visible* (the union of
 * shapes, an ink's area after knockouts): choke, spread. Masks are traced back to vectors.
 */
export interface ArtRaster {
  readonly width: number;
  readonly height: number;
  readonly pxPerPt: number;
  /** Maps pixel coordinates to page points. */
  readonly toPage: Matrix;
  /** 1 where `select` inks the art (later shapes knock out earlier ones, as on a plate). */
  mask(select: (paint: NonNullable<PaintItem['fill']>) => boolean): Promise<Uint8Array>;
  /** Vector paths of a mask, filled with `ink`, placed on the page. */
  toOps(mask: Uint8Array, ink: Ink): Promise<PathOp[]>;
}

export function artRaster(art: SvgArt, placement: Matrix): ArtRaster {
  const pageScale = Math.sqrt(Math.abs(placement[0] * placement[3] - placement[1] * placement[2])) || 1;
  const pxPerPt = Math.min(MAX_PX_PER_PT, MAX_SIDE_PX / Math.max(art.widthPt * pageScale, art.heightPt * pageScale));
  const width = Math.ceil(art.widthPt * pageScale * pxPerPt) + 2 * PAD_PX;
  const height = Math.ceil(art.heightPt * pageScale * pxPerPt) + 2 * PAD_PX;
  const padPt = PAD_PX / pxPerPt;
  // Drawn in page-sized points (so distances are print distances), offset by the padding.
  const local = multiply(translate(padPt, padPt), scale(pageScale));
  const toPage = multiply(
    placement,
    multiply(scale(1 / pageScale), multiply(translate(-padPt, -padPt), scale(1 / pxPerPt))),
  );
  const on: Ink = { space: 'cmyk', cmyk: [0, 0, 0, 100] };
  const off: Ink = { space: 'cmyk', cmyk: [0, 0, 0, 0] };
  return {
    width,
    height,
    pxPerPt,
    toPage,
    async mask(select) {
      const ops = artToOps(art, local, (paint) => ({ ink: paint.opacity > 0 && select(paint) ? on : off, opacity: 1 }));
      const svg = displayPageToSvg(
        { widthPt: width / pxPerPt, heightPt: height / pxPerPt, ops },
        pxPerPt,
        (ink) => (ink === on ? '#000000' : '#ffffff'),
        '#ffffff',
      );
      const grey = await sharp(Buffer.from(svg))
        .resize(width, height, { fit: 'fill' })
        .greyscale()
        .extractChannel(0)
        .raw()
        .toBuffer();
      const mask = new Uint8Array(width * height);
      for (let i = 0; i < mask.length; i++) mask[i] = (grey[i] as number) < 128 ? 1 : 0;
      return mask;
    },
    async toOps(mask, ink) {
      const traced = await traceMask(mask, width, height);
      if (!traced) return [];
      const matrix = multiply(toPage, parseTransform(traced.transform));
      return [
        { kind: 'path', d: traced.d, matrix, fill: { ink, opacity: 1 }, fillRule: 'nonzero', stroke: null, clips: [] },
      ];
    },
  };
}
