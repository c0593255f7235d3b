import type { Processor } from '../processor.ts';
import { type NormalizeOptions, normalizeDescriptor } from './normalize-descriptor.ts';
import { encodePng } from './raster/decode.ts';
import { masterToRgba } from './raster/input.ts';
import { contentBox, cropRgba } from './raster/trim.ts';

/** The master decoded to straight RGBA and saved as PNG, optionally without its empty margins. */
export const normalize: Processor<NormalizeOptions> = {
  ...normalizeDescriptor,
  async run(input, opts, context) {
    context.progress(5);
    let image = await masterToRgba(input, opts.size);
    context.signal.throwIfAborted();
    context.progress(50);
    const box = opts.trim ? contentBox(image) : null;
    if (box) image = cropRgba(image, box, opts.padding);
    const bytes = await encodePng(image);
    context.signal.throwIfAborted();
    context.progress(100);
    return {
      files: [{ path: 'normalized.png', bytes, mime: 'image/png' }],
      facts: { width: image.width, height: image.height, trimmed: box },
    };
  },
};
