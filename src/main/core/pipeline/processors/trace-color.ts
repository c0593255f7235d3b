import { DEFAULT_ARTWORK_SETTINGS } from '../../../../shared/artwork.ts';
import type { Processor } from '../processor.ts';
import { faintArtWarning } from './artwork/background-decision.ts';
import { embeddedBitmapWarning } from './artwork/embedded-bitmaps.ts';
import { enlargedWarning } from './artwork/enlarged.ts';
import { assertArtToDraw, masterArtwork } from './artwork/master-artwork.ts';
import { scoreFullColourOfMaster } from './artwork/score.ts';
import { type TraceColorOptions, traceColorDescriptor } from './trace-color-descriptor.ts';
import { fidelityWarning, renderSvg, type ScoredFidelity } from './vector/fidelity.ts';
import { enlargedBetweenPixels, isThinArt } from './vector/fine-edges.ts';
import { traceColorToSvg } from './vector/trace-svg.ts';

/**
 * Full-colour trace: quantized to the palette, one potrace layer per colour, stacked without seams
 * (see traceColorToSvg). Facts carry the palette and the fidelity score the UI shows.
 */
export const traceColor: Processor<TraceColorOptions> = {
  ...traceColorDescriptor,
  async run(input, opts, context) {
    context.progress(5);
    const settings = input.artwork ?? DEFAULT_ARTWORK_SETTINGS;
    const decided = await masterArtwork(
      opts.background === 'auto' ? input : { ...input, artwork: { ...settings, background: opts.background } },
      opts.size,
      undefined,
      { upsample: true },
    );
    assertArtToDraw(decided, input.name);
    const { image, decision, enlarged } = decided;
    context.signal.throwIfAborted();
    context.progress(20);
    const lockedPalette = input.palette?.locked ? input.palette.colors.map((colour) => colour.hex) : undefined;
    const palette = opts.palette ?? lockedPalette;
    // Thin lettering is traced at twice the size: devicon wordmarks on white, colour ΔE76:
    // express 2.1 -> 0.8, electron 2.7 -> 1.4, pm2 1.8 -> 1.4.
    const fine = isThinArt(image);
    const result = await traceColorToSvg(
      fine ? enlargedBetweenPixels(image, 2) : image,
      {
        ...opts,
        // At twice the size a speck covers four times the pixels: the same specks are dropped.
        ...(fine ? { outputSize: { width: image.width, height: image.height }, turdsize: opts.turdsize * 4 } : {}),
        // The background is decided already: its paper is transparent in `image`.
        background: 'keep',
        ...(palette ? { palette } : {}),
      },
      { signal: context.signal, progress: (done) => context.progress(20 + Math.round(done * 60)) },
    );
    context.signal.throwIfAborted();
    const bytes = new TextEncoder().encode(result.svg);
    let fidelity: ScoredFidelity | null = null;
    const warnings: string[] = [
      ...enlargedWarning(input, enlarged),
      ...(await embeddedBitmapWarning(input)),
      ...faintArtWarning(decided),
    ];
    if (opts.score) {
      // Scored on the master's own pixels, not on what the trace chose to cover; a master on
      // paper as it is seen, on its paper (devicon's nano on white: 0.2 against the decided
      // image, 3.5 on paper, where the bench measures 3.2 against the transparent master).
      const rendered = await renderSvg(result.svg, image.width, image.height);
      fidelity = scoreFullColourOfMaster(image, decided.master, decision, rendered);
      const warning = fidelityWarning('The colour trace', fidelity);
      if (warning) warnings.push(warning);
    }
    context.progress(100);
    return {
      files: [{ path: 'trace-color.svg', bytes, mime: 'image/svg+xml' }],
      facts: {
        palette: result.palette,
        paletteSource: opts.palette ? 'options' : lockedPalette ? 'locked' : 'extracted',
        paths: result.pathCount,
        bytes: bytes.length,
        width: image.width,
        height: image.height,
        background: decision,
        fidelity,
        warnings,
      },
    };
  },
};
