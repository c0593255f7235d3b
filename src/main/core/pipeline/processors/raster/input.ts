import type { ProcessorInput } from '../../processor.ts';
import { decodeToRgba } from './decode.ts';
import type { RgbaImage } from './rgba.ts';

/**
 * The master as RGBA at a working size: vectors rendered with `size` as the longest side, rasters
 * scaled down to it when larger (never up: upscaling invents no detail for a trace).
 */
export function masterToRgba(input: ProcessorInput, size: number): Promise<RgbaImage> {
  return decodeToRgba(input.master, input.format, { size, maxSize: size });
}
