import type { BackgroundDecision } from '../../../../../shared/artwork.ts';
import { deltaE76, hexToRgb, LabCache, type Rgb } from '../../../../../shared/colour.ts';
import { OPAQUE_ALPHA, type RgbaImage } from '../raster/rgba.ts';
import { colorFidelity, coverageIoU, FIDELITY_THRESHOLDS, round, type ScoredFidelity } from '../vector/fidelity.ts';
import { ENCLOSED_PAPER_MATCH } from './background-decision.ts';
import { referenceInk, referenceIoU } from './one-colour-mask.ts';

/**
 * Honest scores: an output, rendered at the master's working size, against a render of the master
 * (background decided) transformed by the output's own rule. Never against a recipe's
 * intermediate bitmap, which would grade the recipe against itself.
 */

/** A one-colour output (trace, black or white version) against the master's ink under the one-colour rule. */
export function scoreOneColour(
  master: RgbaImage,
  output: RgbaImage,
  threshold?: number | null,
  minimum: number = FIDELITY_THRESHOLDS.oneColourIoU,
): ScoredFidelity {
  const iou = round(
    referenceIoU(referenceInk(master, threshold), (i) => (output.data[i * 4 + 3] as number) >= OPAQUE_ALPHA),
    4,
  );
  return { iou, reference: 'master-one-colour', belowThreshold: iou < minimum };
}

/** A full-colour output against the master itself: coverage and colour on the master's own pixels. */
export function scoreFullColour(
  master: RgbaImage,
  output: RgbaImage,
  maxMeanError: number = FIDELITY_THRESHOLDS.colourMeanError,
): ScoredFidelity {
  const logo = new Uint8Array(master.width * master.height);
  for (let i = 0; i < logo.length; i++) logo[i] = (master.data[i * 4 + 3] as number) >= OPAQUE_ALPHA ? 1 : 0;
  const scored = colorFidelity(master, output, logo);
  return { ...scored, reference: 'master', belowThreshold: (scored.meanColorError ?? 0) > maxMeanError };
}

/**
 * A pixel this far (CIE76) from the paper colour is not the paper, whatever the decision said: the
 * decision's own match for paper. At 12, light art removed with the paper went unseen: Jekyll's
 * wordmark on white, whose grey gradient runs out to white, read 1.2 where the bench measures 2.5
 * (2.2 now), django REST 1.85 against 2.07 (2.33 now).
 */
const CLEARLY_NOT_PAPER = ENCLOSED_PAPER_MATCH;

/**
 * A full-colour output of a master whose flat paper was removed (a JPEG or scan on white), judged
 * as the designer sees the master: on its paper. The output is laid on the paper colour and
 * compared with the plain render on the art the decision kept and on every pixel it removed though
 * clearly not paper, so art removed with the paper (light lettering) counts as missed, and an
 * output is judged on the colours the designer sees rather than on its own un-mixed edges.
 * Scored against the decided image instead, such a loss would be invisible: the output would be
 * graded against the same mistake it was made from.
 */
export function scoreFullColourOnPaper(
  plain: RgbaImage,
  decided: RgbaImage,
  paper: Rgb,
  output: RgbaImage,
  maxMeanError: number = FIDELITY_THRESHOLDS.colourMeanError,
): ScoredFidelity {
  const labs = new LabCache();
  const paperLab = labs.get(paper[0], paper[1], paper[2]);
  const logo = new Uint8Array(plain.width * plain.height);
  const onPaper = new Uint8Array(output.data.length);
  const { data } = plain;
  // Art: what the decision kept opaque, and what it removed as paper though it is clearly not.
  // Its translucent pixels (anti-aliased rims, soft shade on the paper) are mixes and left out.
  for (let i = 0, o = 0; i < logo.length; i++, o += 4) {
    const kept = decided.data[o + 3] as number;
    const art =
      kept >= OPAQUE_ALPHA ||
      (kept === 0 &&
        deltaE76(labs.get(data[o] as number, data[o + 1] as number, data[o + 2] as number), paperLab) >
          CLEARLY_NOT_PAPER);
    logo[i] = art ? 1 : 0;
    const alpha = (output.data[o + 3] as number) / 255;
    for (let c = 0; c < 3; c++)
      onPaper[o + c] = Math.round((output.data[o + c] as number) * alpha + (paper[c] as number) * (1 - alpha));
    onPaper[o + 3] = 255;
  }
  const scored = colorFidelity(plain, { width: output.width, height: output.height, data: onPaper }, logo);
  // Coverage from the output itself: laid on paper, every pixel would count as covered.
  const iou = round(coverageIoU(logo, output), 4);
  return { ...scored, iou, reference: 'master', belowThreshold: (scored.meanColorError ?? 0) > maxMeanError };
}

/** The paper a decided master sits on (a scan's white), or null: transparent or full-bleed art. */
export function paperOf(decision: BackgroundDecision): Rgb | null {
  return decision.kind === 'flat' && decision.colour ? hexToRgb(decision.colour) : null;
}

/**
 * A full-colour output against its master as every recipe should score it: on its paper when
 * the decision found one (against the plain render), else against the decided master itself.
 */
export function scoreFullColourOfMaster(
  decided: RgbaImage,
  plain: RgbaImage,
  decision: BackgroundDecision,
  output: RgbaImage,
): ScoredFidelity {
  const paper = paperOf(decision);
  return paper ? scoreFullColourOnPaper(plain, decided, paper, output) : scoreFullColour(decided, output);
}
