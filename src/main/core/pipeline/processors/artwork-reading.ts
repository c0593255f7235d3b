import type { Processor } from '../processor.ts';
import { measureArtInk } from './artwork/colour.ts';
import { needsKnockout, oneColourThreshold } from './artwork/knockout.ts';
import { masterArtwork } from './artwork/master-artwork.ts';
import { type ArtworkReadingOptions, artworkReadingDescriptor } from './artwork-reading-descriptor.ts';
import { encodePng } from './raster/decode.ts';

/**
 * How the logo's artwork is read, the same way every recipe reads it: the background decision
 * with its confidence and the one-colour rule in force. The library records the decision for the
 * details panel; the PNG shows the artwork with its paper removed.
 */
export const artworkReading: Processor<ArtworkReadingOptions> = {
  ...artworkReadingDescriptor,
  async run(input, opts, context) {
    context.progress(10);
    const decided = await masterArtwork(input, opts.size);
    context.signal.throwIfAborted();
    const threshold = oneColourThreshold(input.artwork?.threshold);
    const knockout = needsKnockout(measureArtInk(decided.image), threshold);
    const bytes = await encodePng(decided.image);
    context.progress(100);
    return {
      files: [{ path: 'artwork.png', bytes, mime: 'image/png' }],
      facts: {
        decision: decided.decision,
        removedShare: decided.removedShare,
        enclosedShare: decided.enclosedShare,
        shadeShare: decided.shadeShare,
        oneColourThreshold: threshold,
        knockout,
      },
    };
  },
};
