import type { Processor } from '../processor.ts';
import { masterToRgba } from './raster/input.ts';
import { type TraceOptions, traceDescriptor } from './trace-descriptor.ts';
import { coverageIoU, renderSvg, round } from './vector/fidelity.ts';
import { traceToSvg } from './vector/trace-svg.ts';

/**
 * Bilevel trace with potrace (esm-potrace-wasm, the same coordinates as the potrace CLI). The mark
 * is told from its background by alpha or by colour distance from the background, so marks of any
 * colour trace in full. Facts: how the mark was separated, its fill, subpath count and IoU.
 */
export const trace: Processor<TraceOptions> = {
  ...traceDescriptor,
  async run(input, opts, context) {
    context.progress(5);
    const image = await masterToRgba(input, opts.size);
    context.signal.throwIfAborted();
    context.progress(30);
    const result = await traceToSvg(image, opts);
    context.signal.throwIfAborted();
    context.progress(80);
    const bytes = new TextEncoder().encode(result.svg);
    let fidelity: { iou: number } | null = null;
    if (opts.score)
      fidelity = { iou: round(coverageIoU(result.mask, await renderSvg(result.svg, image.width, image.height)), 4) };
    context.progress(100);
    return {
      files: [{ path: 'trace.svg', bytes, mime: 'image/svg+xml' }],
      facts: {
        mode: result.mode,
        fill: result.fill,
        paths: result.pathCount,
        bytes: bytes.length,
        width: image.width,
        height: image.height,
        fidelity,
      },
    };
  },
};
