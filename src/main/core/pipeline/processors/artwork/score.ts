import { OPAQUE_ALPHA, type RgbaImage } from '../raster/rgba.ts';
import { colorFidelity, FIDELITY_THRESHOLDS, round, type ScoredFidelity } from '../vector/fidelity.ts';
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
