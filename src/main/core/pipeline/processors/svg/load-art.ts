import type { ProcessorInput } from '../../processor.ts';
import { masterArtwork } from '../artwork/master-artwork.ts';
import { traceColorToSvg } from '../vector/trace-svg.ts';
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
  const traced = parseSvgArt(trace.svg, `${input.name} (trace)`);
  const widthPt = Math.max(1, input.width) * 0.75;
  const factor = widthPt / traced.widthPt;
  return {
    art: {
      ...traced,
      widthPt,
      heightPt: traced.heightPt * factor,
      rootMatrix: multiply(scale(factor), traced.rootMatrix),
    },
    source: 'trace',
  };
}
