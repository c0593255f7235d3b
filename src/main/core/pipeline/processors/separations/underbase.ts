import type { SvgArt } from '../svg/art.ts';
import type { Ink, PathOp } from '../svg/display-list.ts';
import type { Matrix } from '../svg/matrix.ts';
import { artRaster } from './art-raster.ts';
import { erode } from './distance.ts';

/**
 * The white underbase: the union of everything inked, choked by `chokePt` so it hides under the
 * colours printed on it. A choke only shrinks the outer edge of the union (inner joins between
 * colours stay covered), which needs the union itself: it is rendered, eroded with an exact
 * distance transform and traced back to vector paths.
 */
export async function underbaseOps(art: SvgArt, placement: Matrix, chokePt: number, ink: Ink): Promise<PathOp[]> {
  const raster = artRaster(art, placement);
  const union = await raster.mask(() => true);
  return raster.toOps(erode(union, raster.width, raster.height, chokePt * raster.pxPerPt), ink);
}
