import { toHex } from '../../../../shared/colour.ts';
import type { Processor } from '../processor.ts';
import { faintArtWarning } from './artwork/background-decision.ts';
import { masterArtwork } from './artwork/master-artwork.ts';
import {
  DEFAULT_BACKGROUND_TOLERANCE,
  detectBackground,
  floodFillBackground,
  removeBackgroundRegion,
} from './raster/background.ts';
import { encodePng } from './raster/decode.ts';
import { type RgbaImage, usesTransparency } from './raster/rgba.ts';
import { type RemoveBackgroundOptions, removeBackgroundDescriptor } from './remove-background-descriptor.ts';

export interface BackgroundRemoval {
  readonly image: RgbaImage;
  /** 'removed', or why nothing was: the logo has its own transparency, or no flat background. */
  readonly outcome: 'removed' | 'already-transparent' | 'no-flat-background';
  readonly background: string | null;
  /** Share of the image made transparent, 0-1. */
  readonly removedShare: number;
}

/**
 * Flat or near-flat backgrounds to transparency: flood fill from the border within a CIE76
 * tolerance (so white inside letters, not reachable from the border, stays), then the edge band
 * un-mixed from the background colour so no light halo is left. Logos with alpha pass through.
 */
export function removeBackground(image: RgbaImage, tolerance = DEFAULT_BACKGROUND_TOLERANCE): BackgroundRemoval {
  if (usesTransparency(image)) return { image, outcome: 'already-transparent', background: null, removedShare: 0 };
  const background = detectBackground(image, tolerance);
  if (!background) return { image, outcome: 'no-flat-background', background: null, removedShare: 0 };
  const region = floodFillBackground(image, background, tolerance);
  let removed = 0;
  for (const value of region) removed += value;
  return {
    image: removeBackgroundRegion(image, region, background),
    outcome: 'removed',
    background: toHex(background.rgb),
    removedShare: Math.round((removed / region.length) * 10_000) / 10_000,
  };
}

export const removeBackgroundProcessor: Processor<RemoveBackgroundOptions> = {
  ...removeBackgroundDescriptor,
  async run(input, opts, context) {
    context.progress(5);
    // The logo's background decision, not a rule of its own: a flag's red stripes or an app
    // icon's field are art and stay; paper (and the paper inside letters) goes.
    const decided = await masterArtwork(input, opts.size, opts.tolerance);
    context.signal.throwIfAborted();
    context.progress(60);
    const bytes = await encodePng(decided.image);
    context.progress(100);
    const outcome =
      decided.decision.kind === 'flat'
        ? 'removed'
        : decided.decision.kind === 'transparent'
          ? 'already-transparent'
          : 'kept';
    return {
      files: [{ path: 'transparent.png', bytes, mime: 'image/png' }],
      facts: {
        outcome,
        background: decided.decision.colour,
        decision: decided.decision,
        removedShare: decided.removedShare,
        enclosedShare: decided.enclosedShare,
        shadeShare: decided.shadeShare,
        width: decided.image.width,
        height: decided.image.height,
        warnings:
          decided.decision.kind === 'none' && decided.decision.setting === 'auto'
            ? [`Nothing removed: ${decided.decision.reason} Choose "Remove" in the logo's details to force it.`]
            : faintArtWarning(decided),
      },
    };
  },
};
