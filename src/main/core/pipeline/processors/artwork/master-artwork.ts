import sharp from 'sharp';
import { DEFAULT_ARTWORK_SETTINGS } from '../../../../../shared/artwork.ts';
import { MarqueError } from '../../../../../shared/errors.ts';
import type { ProcessorInput } from '../../processor.ts';
import { masterToRgba } from '../raster/input.ts';
import { OPAQUE_ALPHA, type RgbaImage } from '../raster/rgba.ts';
import { applyBackgroundDecision, type DecidedImage } from './background-decision.ts';

/**
 * The master as every recipe should see it: rendered or decoded at a working size, with the
 * background decision applied (paper transparent, full-bleed fields kept). `master` is the plain
 * render, the reference that honest fidelity scores are measured against.
 */
export async function masterArtwork(
  input: ProcessorInput,
  size: number,
  tolerance?: number,
  options: { readonly upsample?: boolean } = {},
): Promise<DecidedImage & { readonly master: RgbaImage; readonly enlarged: number }> {
  let master = await masterToRgba(input, size);
  let enlarged = 1;
  if (options.upsample && !input.isVector) ({ image: master, factor: enlarged } = await upsample(master, size));
  return {
    ...applyBackgroundDecision(master, input.isVector, input.artwork ?? DEFAULT_ARTWORK_SETTINGS, tolerance),
    master,
    enlarged,
  };
}

/** Rasters smaller than this (long side) are enlarged before tracing. */
const MIN_TRACE_SIDE = 512;

/**
 * A small raster enlarged (Lanczos, whole factors up to 8) so potrace sees smooth anti-aliased
 * edges instead of a staircase: a 64 px icon traced as is gives lumpy circles and saw-tooth edges.
 */
async function upsample(image: RgbaImage, size: number): Promise<{ image: RgbaImage; factor: number }> {
  const side = Math.max(image.width, image.height);
  const factor = Math.min(8, Math.floor(Math.min(size, MIN_TRACE_SIDE) / side));
  if (factor < 2) return { image, factor: 1 };
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .resize(image.width * factor, image.height * factor, { kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    image: { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) },
    factor,
  };
}

/**
 * Throws a clear, permanent error when the decided image holds no art at all: every pixel was
 * paper (a white logo saved on white paper). Tracing it would write an empty file in silence.
 */
export function assertArtToDraw(decided: DecidedImage, name: string): void {
  const { data } = decided.image;
  for (let o = 3; o < data.length; o += 4) if ((data[o] as number) >= OPAQUE_ALPHA) return;
  const paper = decided.decision.colour ? ` (${decided.decision.colour})` : '';
  throw new MarqueError(
    'INVALID_INPUT',
    `${name}: nothing to draw: the whole image is its paper colour${paper}. A white logo on white paper cannot be told from it: use a transparent or dark-background master.`,
  );
}
