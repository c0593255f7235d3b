import type { ProcessorInput } from '../../processor.ts';
import { needsKnockout } from '../artwork/knockout.ts';
import { isLightPaint, oneColourOutline, oneColourRole, outlineToPathData } from '../artwork/knockout-geometry.ts';
import { loadMark, markSource } from '../artwork/mark.ts';
import type { SvgArt } from '../svg/art.ts';
import { artToOps, type DrawOp, type Ink } from '../svg/display-list.ts';
import { IDENTITY, type Matrix, multiply } from '../svg/matrix.ts';

/**
 * Whether the one-colour PDFs knock light details out: the same rule (artwork/knockout.ts, with
 * the logo's own threshold), on the same measured ink, as the package's and social set's PNG and
 * SVG one-colour versions, so a logo's black PDF and black PNG always agree.
 */
export async function knocksOutLightDetails(input: ProcessorInput, art: SvgArt): Promise<boolean> {
  const threshold = input.artwork?.threshold;
  // Nothing light to cut out: no need to render the mark to measure it.
  if (
    !art.items.some((item) => [item.fill, item.stroke?.paint].some((paint) => paint && isLightPaint(paint, threshold)))
  )
    return false;
  const mark = await loadMark(markSource(input), { trim: false });
  return needsKnockout(mark.ink, threshold);
}

/**
 * The mark in one ink at `placement`. With knockout, one outline with real holes: the art's
 * shapes combined in stacking order (ink added, light details subtracted; see
 * knockout-geometry.ts), so whatever the PDF is placed on shows through the letters and a cutter
 * sees them. Without, every shape in the ink. The outline is computed once per art (in the art's
 * points) and placed by the op's matrix: the variants and the score share it, and the boolean
 * work on a detailed emblem takes seconds.
 */
export function oneColourOps(
  art: SvgArt,
  placement: Matrix,
  ink: Ink,
  knockout: boolean,
  threshold?: number | null,
): DrawOp[] {
  if (!knockout) return artToOps(art, placement, (paint) => ({ ink, opacity: paint.opacity }));
  const d = knockedOutPath(art, threshold);
  if (!d) return [];
  return [
    {
      kind: 'path',
      d,
      matrix: placement,
      fill: { ink, opacity: 1 },
      fillRule: 'nonzero',
      stroke: null,
      clips: [],
    },
  ];
}

const outlines = new WeakMap<SvgArt, Map<number | null, string>>();

/** The knocked-out outline of the art as path data in its points (the root matrix applied), memoised. */
function knockedOutPath(art: SvgArt, threshold?: number | null): string {
  const key = threshold ?? null;
  let byThreshold = outlines.get(art);
  if (!byThreshold) {
    byThreshold = new Map();
    outlines.set(art, byThreshold);
  }
  let d = byThreshold.get(key);
  if (d === undefined) {
    d = outlineToPathData(oneColourOutline(art.items, multiply(IDENTITY, art.rootMatrix), oneColourRole(threshold)));
    byThreshold.set(key, d);
  }
  return d;
}
