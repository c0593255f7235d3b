import sharp from 'sharp';
import type { SvgArt } from '../svg/art.ts';
import { artToOps, type Ink, type PathOp } from '../svg/display-list.ts';
import { type Matrix, multiply, parseTransform, scale, translate } from '../svg/matrix.ts';
import { displayPageToSvg } from '../svg/svg-draw.ts';
import { traceMask } from '../vector/potrace.ts';
import { erode } from './distance.ts';

/** Working resolution of the underbase: fine enough that a 0.5 pt choke is several pixels. */
const MAX_SIDE_PX = 3000;
const MAX_PX_PER_PT = 12;
const PAD_PX = 8;

/**
 * The white underbase: the union of everything inked, choked by `chokePt` so it hides under the
 * colours printed on it. A choke only shrinks the outer edge of the union (inner joins between
 * colours stay covered), which needs real geometry: the union is rendered, eroded with an exact
 * distance transform and traced back to vector paths with potrace.
 */
export async function underbaseOps(art: SvgArt, placement: Matrix, chokePt: number, ink: Ink): Promise<PathOp[]> {
  const pageScale = Math.sqrt(Math.abs(placement[0] * placement[3] - placement[1] * placement[2])) || 1;
  const pxPerPt = Math.min(MAX_PX_PER_PT, MAX_SIDE_PX / Math.max(art.widthPt * pageScale, art.heightPt * pageScale));
  const width = Math.ceil(art.widthPt * pageScale * pxPerPt) + 2 * PAD_PX;
  const height = Math.ceil(art.heightPt * pageScale * pxPerPt) + 2 * PAD_PX;
  // Render in page points (so the choke is measured at print size), offset by the padding.
  const padPt = PAD_PX / pxPerPt;
  const local = multiply(translate(padPt, padPt), scale(pageScale));
  const ops = artToOps(art, local, (paint) => (paint.opacity > 0 ? { ink, opacity: 1 } : null));
  const svg = displayPageToSvg(
    { widthPt: width / pxPerPt, heightPt: height / pxPerPt, ops },
    pxPerPt,
    () => '#000000',
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
  const choked = erode(mask, width, height, chokePt * pxPerPt);
  const traced = await traceMask(choked, width, height);
  if (!traced) return [];
  // Trace pixels -> padded page points -> the page, undoing the padding and the scale used above.
  const pixelsToPage = multiply(
    placement,
    multiply(
      scale(1 / pageScale),
      multiply(translate(-padPt, -padPt), multiply(scale(1 / pxPerPt), parseTransform(traced.transform))),
    ),
  );
  return [
    {
      kind: 'path',
      d: traced.d,
      matrix: pixelsToPage,
      fill: { ink, opacity: 1 },
      fillRule: 'nonzero',
      stroke: null,
      clips: [],
    },
  ];
}
