import type { ProcessorInput } from '../../processor.ts';
import type { Rgb } from '../artwork/colour.ts';
import { isLightDetail, needsKnockout } from '../artwork/knockout.ts';
import { oneColourOutline, outlineToPathData } from '../artwork/knockout-geometry.ts';
import { loadMark, markSource } from '../artwork/mark.ts';
import type { Paint, SvgArt } from '../svg/art.ts';
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
    !art.items.some((item) =>
      [item.fill, item.stroke?.paint].some((paint) => paint && isLightDetail(onPaper(paint), threshold)),
    )
  )
    return false;
  const mark = await loadMark(markSource(input), { trim: false });
  return needsKnockout(mark.ink, threshold);
}

/**
 * The colour a paint shows on white paper: a translucent colour looks lighter, and the one-colour
 * rule judges what the designer sees (the rendered master), not the paint's own value.
 */
/** Opacity from which a light paint hides what lies under it. */
const OPAQUE_PAINT = 0.95;

function onPaper(paint: Paint): Rgb {
  const a = Math.min(1, Math.max(0, paint.opacity));
  return [0, 1, 2].map((c) => Math.round((paint.rgb[c] as number) * a + 255 * (1 - a))) as unknown as Rgb;
}

/**
 * The mark in one ink at `placement`. With knockout, one outline with real holes: the art's
 * shapes combined in stacking order (ink added, light details subtracted; see
 * knockout-geometry.ts), so whatever the PDF is placed on shows through the letters and a cutter
 * sees them. Without, every shape in the ink.
 */
export function oneColourOps(
  art: SvgArt,
  placement: Matrix,
  ink: Ink,
  knockout: boolean,
  threshold?: number | null,
): DrawOp[] {
  if (!knockout) return artToOps(art, placement, (paint) => ({ ink, opacity: paint.opacity }));
  const outline = oneColourOutline(
    art.items,
    multiply(placement, art.rootMatrix),
    // A light paint cuts a hole only where it hides what is under it; a translucent light tint
    // (matplotlib's wedges) lets the lines under it show, as in the master.
    (paint) => (!isLightDetail(onPaper(paint), threshold) ? 'ink' : paint.opacity >= OPAQUE_PAINT ? 'paper' : 'none'),
  );
  const d = outlineToPathData(outline);
  if (!d) return [];
  return [
    {
      kind: 'path',
      d,
      matrix: IDENTITY,
      fill: { ink, opacity: 1 },
      fillRule: 'nonzero',
      stroke: null,
      clips: [],
    },
  ];
}
