import type { Processor } from '../processor.ts';
import { masterToRgba } from './raster/input.ts';
import { type TraceColorOptions, traceColorDescriptor } from './trace-color-descriptor.ts';
import { colorFidelity, type Fidelity, renderSvg } from './vector/fidelity.ts';
import { traceColorToSvg } from './vector/trace-svg.ts';

/**
 * Full-colour trace: quantized to the palette, one potrace layer per colour, stacked without seams
 * (see traceColorToSvg). Facts carry the palette and the fidelity score the UI shows.
 */
export const traceColor: Processor<TraceColorOptions> = {
  ...traceColorDescriptor,
  async run(input, opts, context) {
    context.progress(5);
    const image = await masterToRgba(input, opts.size);
    context.signal.throwIfAborted();
    context.progress(20);
    const lockedPalette = input.palette?.locked ? input.palette.colors.map((colour) => colour.hex) : undefined;
    const palette = opts.palette ?? lockedPalette;
    const result = await traceColorToSvg(
      image,
      {
        ...opts,
        background: opts.background === 'auto' ? (input.isVector ? 'keep' : 'remove') : opts.background,
        ...(palette ? { palette } : {}),
      },
      { signal: context.signal, progress: (done) => context.progress(20 + Math.round(done * 60)) },
    );
    context.signal.throwIfAborted();
    const bytes = new TextEncoder().encode(result.svg);
    let fidelity: Fidelity | null = null;
    if (opts.score)
      fidelity = colorFidelity(image, await renderSvg(result.svg, image.width, image.height), result.logo);
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
        fidelity,
      },
    };
  },
};
