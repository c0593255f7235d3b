import { DEFAULT_ARTWORK_SETTINGS } from '../../../../../shared/artwork.ts';
import type { ProcessorInput } from '../../processor.ts';
import { masterToRgba } from '../raster/input.ts';
import { applyBackgroundDecision, type DecidedImage } from './background-decision.ts';

/**
 * The master as every recipe should see it: rendered or decoded at a working size, with the
 * background decision applied (paper transparent, full-bleed fields kept). `master` is the plain
 * render, the reference that honest fidelity scores are measured against.
 */
export async function masterArtwork(
  input: ProcessorInput,
  size: number,
  tolerance?: number,
): Promise<DecidedImage & { readonly master: Awaited<ReturnType<typeof masterToRgba>> }> {
  const master = await masterToRgba(input, size);
  return {
    ...applyBackgroundDecision(master, input.isVector, input.artwork ?? DEFAULT_ARTWORK_SETTINGS, tolerance),
    master,
  };
}
