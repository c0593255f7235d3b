import type { Processor } from '../processor.ts';
import { enlargedWarning } from './artwork/enlarged.ts';
import { masterArtwork } from './artwork/master-artwork.ts';
import { scoreOneColour } from './artwork/score.ts';
import { type TraceOptions, traceDescriptor } from './trace-descriptor.ts';
import { FIDELITY_THRESHOLDS, fidelityWarning, renderSvg, type ScoredFidelity } from './vector/fidelity.ts';
import { traceToSvg } from './vector/trace-svg.ts';

/**
 * Bilevel trace with potrace (esm-potrace-wasm, the same coordinates as the potrace CLI) of the
 * mark as one ink: background decided, light details as paper (the one-colour rule). The score
 * compares the re-rendered trace with the master's own ink under that rule, never with the
 * bitmap the trace was made from, so a wrong trace cannot score well.
 */
export const trace: Processor<TraceOptions> = {
  ...traceDescriptor,
  async run(input, opts, context) {
    context.progress(5);
    const { master, image, decision, enlarged } = await masterArtwork(input, opts.size, undefined, {
      upsample: true,
    });
    context.signal.throwIfAborted();
    context.progress(30);
    // `image` has its background decided already (paper transparent): deciding it again inside
    // the trace would double the cost of an opaque master for the same mask.
    const result = await traceToSvg(image, {
      ...opts,
      isVector: input.isVector,
      ...(input.artwork ? { artwork: input.artwork } : {}),
    });
    context.signal.throwIfAborted();
    context.progress(80);
    const bytes = new TextEncoder().encode(result.svg);
    let fidelity: ScoredFidelity | null = null;
    const warnings: string[] = enlargedWarning(input, enlarged);
    if (opts.score) {
      const rendered = await renderSvg(result.svg, image.width, image.height);
      fidelity = scoreOneColour(image, rendered, input.artwork?.threshold, FIDELITY_THRESHOLDS.traceIoU);
      const warning = fidelityWarning('The trace', fidelity);
      if (warning) warnings.push(warning);
    }
    context.progress(100);
    return {
      files: [{ path: 'trace.svg', bytes, mime: 'image/svg+xml' }],
      facts: {
        mode: result.mode,
        background: decision,
        knockout: result.knockout,
        fill: result.fill,
        paths: result.pathCount,
        bytes: bytes.length,
        width: master.width,
        height: master.height,
        fidelity,
        warnings,
      },
    };
  },
};
