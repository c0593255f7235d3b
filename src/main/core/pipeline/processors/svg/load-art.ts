import type { ProcessorInput } from '../../processor.ts';
import { masterArtwork } from '../artwork/master-artwork.ts';
import type { RgbaImage } from '../raster/rgba.ts';
import { traceColorToSvg, traceToSvg } from '../vector/trace-svg.ts';
import type { SvgArt } from './art.ts';
import { multiply, scale } from './matrix.ts';
import { parseSvgArt } from './parse-svg.ts';

/** Longest side a raster master is traced at for print: enough for clean curves, bounded cost. */
const TRACE_SIZE = 1024;

export interface LoadedArt {
  readonly art: SvgArt;
  /** 'svg' when drawn from the vector master, 'trace' when a raster master was traced first. */
  readonly source: 'svg' | 'trace';
}

/**
 * The logo as print art. Vector masters are parsed as they are; raster masters are traced in full
 * colour (transparent or flat backgrounds left out) and sized as the original pixels at 96 dpi, the
 * same convention as an SVG's px units, so both kinds get a sensible default artboard.
 */
export async function loadArt(input: ProcessorInput, palette?: readonly string[]): Promise<LoadedArt> {
  if (input.format === 'svg')
    return { art: parseSvgArt(new TextDecoder().decode(input.master), `${input.name}.svg`), source: 'svg' };
  // The logo's background decision: paper transparent, a full-bleed field kept as art.
  const { image } = await masterArtwork(input, TRACE_SIZE);
  const trace = await traceColorToSvg(image, {
    background: 'keep',
    ...(palette && palette.length > 0 ? { palette } : {}),
  });
  return { art: sizedLikePixels(parseSvgArt(trace.svg, `${input.name} (trace)`), input), source: 'trace' };
}

/**
 * A raster master's one-colour art: its bilevel trace (the one-colour rule applied to the pixels,
 * light details cut out), sized as loadArt sizes the colour trace. Knocking the colour trace out
 * instead loses what its palette merged away: the thin dark lines in the white dragon of Bhutan's
 * flag. Null for vector masters, whose own shapes are combined (see oneColourOps).
 */
export async function loadOneColourTrace(input: ProcessorInput): Promise<SvgArt | null> {
  if (input.format === 'svg') return null;
  const { image }: { image: RgbaImage } = await masterArtwork(input, TRACE_SIZE);
  const trace = await traceToSvg(image, { isVector: false, ...(input.artwork ? { artwork: input.artwork } : {}) });
  return sizedLikePixels(parseSvgArt(trace.svg, `${input.name} (one-colour trace)`), input);
}

/** Art traced from pixels, sized as the original pixels at 96 dpi (the convention of an SVG's px). */
function sizedLikePixels(traced: SvgArt, input: ProcessorInput): SvgArt {
  const widthPt = Math.max(1, input.width) * 0.75;
  const factor = widthPt / traced.widthPt;
  return {
    ...traced,
    widthPt,
    heightPt: traced.heightPt * factor,
    rootMatrix: multiply(scale(factor), traced.rootMatrix),
  };
}
