import type { ProcessorInput } from '../../processor.ts';
import { isLightDetail, needsKnockout } from '../artwork/knockout.ts';
import { loadMark, markSource } from '../artwork/mark.ts';
import type { SvgArt } from '../svg/art.ts';
import { artToOps, type DrawOp, type Ink, MASK_HOLE, MASK_KEEP } from '../svg/display-list.ts';
import type { Matrix } from '../svg/matrix.ts';

/**
 * Whether the one-colour PDFs knock light details out: the same rule, on the same measured ink,
 * as the package's and social set's PNG and SVG one-colour versions (artwork/knockout.ts), so a
 * logo's black PDF and black PNG always agree. A white backdrop rectangle counts as paper there,
 * and the mask below turns it into a hole like any light detail.
 */
export async function knocksOutLightDetails(input: ProcessorInput, art: SvgArt): Promise<boolean> {
  // Nothing light to cut out: no need to render the mark to measure it.
  if (!art.items.some((item) => [item.fill, item.stroke?.paint].some((paint) => paint && isLightDetail(paint.rgb))))
    return false;
  const mark = await loadMark(markSource(input), { trim: false });
  return needsKnockout(mark.ink);
}

/** The art's stacking drawn as a knockout mask: light paints cut holes, every other paint keeps. */
function maskOps(art: SvgArt, placement: Matrix) {
  return artToOps(art, placement, (paint) => ({
    ink: isLightDetail(paint.rgb) ? MASK_HOLE : MASK_KEEP,
    opacity: paint.opacity,
  }));
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
