import { z } from 'zod';
import type { Processor } from '../processor.ts';
import { encodePng } from './raster/decode.ts';
import { masterToRgba } from './raster/input.ts';
import { contentBox, cropRgba } from './raster/trim.ts';

const options = z
  .object({
    /** Longest side: vectors are rendered at it, larger rasters scaled down to it. */
    size: z.number().int().min(16).max(4096).default(1024),
    /** Crop empty margins (transparent, or the flat background colour). */
    trim: z.boolean().default(false),
    /** Pixels kept around the content when trimming. */
    padding: z.number().int().min(0).max(512).default(0),
  })
  .strict();

export type NormalizeOptions = z.output<typeof options>;

/** The master decoded to straight RGBA and saved as PNG, optionally without its empty margins. */
export const normalize: Processor<NormalizeOptions> = {
  id: 'normalize',
  version: 1,
  title: 'Normalized PNG',
  options,
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
