import type { Processor } from '../processor.ts';
import { embeddedBitmapWarning } from './artwork/embedded-bitmaps.ts';
import { enlargedWarning } from './artwork/enlarged.ts';
import { assertArtToDraw, masterArtwork } from './artwork/master-artwork.ts';
import { scoreOneColour } from './artwork/score.ts';
import { type TraceOptions, traceDescriptor } from './trace-descriptor.ts';
import { FIDELITY_THRESHOLDS, fidelityWarning, renderSvg, type ScoredFidelity } from './vector/fidelity.ts';
import { enlargedBetweenPixels, isThinArt } from './vector/fine-edges.ts';
import { DEFAULT_POTRACE_PARAMS } from './vector/potrace.ts';
import { traceToSvg } from './vector/trace-svg.ts';

/** Largest working size (long side, px) a thin logo is traced at a multiple of the size for. */
const MAX_FINE_SIZE = 4096;

/**
 * How many times the size thin art is traced at. A vector three times: at twice, an edge pixel
 * three quarters covered (sure ink to the score) can come out half covered, and a half-covered
 * pixel renders at alpha 127 or 128, a coin toss (purescript's chevrons: IoU 0.990 -> 0.9999; nano's
 * wordmark 0.996 -> 0.9999). A raster twice: enlarging between its pixels adds nothing a third
 * time (django REST's rules on white: 0.985 -> 0.983) and opaque rasters are held to potrace's time.
 */
function fineFactor(isVector: boolean, size: number): number {
  for (const factor of isVector ? [3, 2] : [2]) if (size * factor <= MAX_FINE_SIZE) return factor;
  return 1;
}

/** Corner threshold of the second, sharper trace of thin-line art (potrace's default is 1, ours 0.8). */
const SHARP_ALPHAMAX = 0.5;

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
    const decided = await masterArtwork(input, opts.size, undefined, { upsample: true });
    assertArtToDraw(decided, input.name);
    const { master, image, decision, enlarged } = decided;
    context.signal.throwIfAborted();
    context.progress(30);
    // Thin art (lettering, hairlines) is traced larger and drawn at the size asked: a vector
    // re-rendered (flask's and nano's wordmarks: IoU 0.988 and 0.946 -> 0.9996 and 0.9999), a
    // raster enlarged between its pixels.
    const factor = isThinArt(image) ? fineFactor(input.isVector, opts.size) : 1;
    const fine = factor > 1;
    const source = !fine
      ? image
      : input.isVector
        ? (await masterArtwork(input, opts.size * factor)).image
        : enlargedBetweenPixels(image, factor);
    // `image` has its background decided already (paper transparent): deciding it again inside
    // the trace would double the cost of an opaque master for the same mask.
    const traceWith = (alphamax: number) =>
      traceToSvg(source, {
        ...opts,
        ...(fine ? { outputSize: { width: image.width, height: image.height } } : {}),
        alphamax,
        isVector: input.isVector,
        ...(input.artwork ? { artwork: input.artwork } : {}),
      });
    const scored = async (svg: string) =>
      scoreOneColour(
        image,
        await renderSvg(svg, image.width, image.height),
        input.artwork?.threshold,
        FIDELITY_THRESHOLDS.traceIoU,
      );
    let result = await traceWith(opts.alphamax);
    context.signal.throwIfAborted();
    context.progress(70);
    let fidelity: ScoredFidelity = await scored(result.svg);
    // Thin lines (flag emblems, hairline wordmarks) lose their corners to the default smoothing:
    // when the trace misses the bound, a sharper one is tried and the closer of the two kept.
    if (fidelity.belowThreshold && opts.alphamax === DEFAULT_POTRACE_PARAMS.alphamax) {
      const sharper = await traceWith(SHARP_ALPHAMAX);
      const sharperFidelity = await scored(sharper.svg);
      if ((sharperFidelity.iou ?? 0) > (fidelity.iou ?? 0)) {
        result = sharper;
        fidelity = sharperFidelity;
      }
    }
    context.signal.throwIfAborted();
    context.progress(90);
    const bytes = new TextEncoder().encode(result.svg);
    const warnings: string[] = [...enlargedWarning(input, enlarged), ...(await embeddedBitmapWarning(input))];
    if (opts.score) {
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
        fidelity: opts.score ? fidelity : null,
        warnings,
      },
    };
  },
};
