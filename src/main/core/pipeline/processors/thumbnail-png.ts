import sharp from 'sharp';
import type { Processor } from '../processor.ts';
import { type ThumbnailPngOptions, thumbnailPngDescriptor } from './thumbnail-png-descriptor.ts';

/** A PNG preview of the master at a chosen size: the simplest real recipe, and the engine's test load. */
export const thumbnailPng: Processor<ThumbnailPngOptions> = {
  ...thumbnailPngDescriptor,
  async run(input, opts, context) {
    context.progress(5);
    // Vectors are rendered at a density that yields at least the requested size.
    const density = input.isVector
      ? Math.min(2400, Math.max(72, Math.ceil((72 * opts.size) / Math.max(1, input.width, input.height))))
      : undefined;
    let image = sharp(input.master, { density, limitInputPixels: 268_402_689 }).resize(opts.size, opts.size, {
      fit: 'inside',
      withoutEnlargement: !input.isVector,
    });
    if (opts.background === 'white') image = image.flatten({ background: '#ffffff' });
    context.progress(40);
    const bytes = await image.png({ compressionLevel: 9 }).toBuffer();
    context.signal.throwIfAborted();
    context.progress(100);
    return {
      files: [{ path: `preview-${opts.size}.png`, bytes, mime: 'image/png' }],
    };
  },
};
