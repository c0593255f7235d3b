import type { ProcessorInput } from '../../processor.ts';
import { faintArtWarning } from '../artwork/background-decision.ts';
import { pixelRuleNeeded } from '../artwork/knockout-geometry.ts';
import { assertArtToDraw, masterArtwork } from '../artwork/master-artwork.ts';
import type { RgbaImage } from '../raster/rgba.ts';
import { enlargedBetweenPixels, isThinArt } from '../vector/fine-edges.ts';
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
  /** A raster master's decided pixels (paper transparent), for its one-colour trace. */
  readonly image?: RgbaImage;
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
  const decided = await masterArtwork(input, TRACE_SIZE);
  assertArtToDraw(decided, input.name);
  const { image } = decided;
  const trace = await traceColorToSvg(image, {
    background: 'keep',
    ...(palette && palette.length > 0 ? { palette } : {}),
  });
  const art = sizedLikePixels(parseSvgArt(trace.svg, `${input.name} (trace)`), input);
  return { art: { ...art, warnings: [...art.warnings, ...faintArtWarning(decided)] }, source: 'trace', image };
}

/** Long side the one-colour rule is traced at for a vector master: sharper than a raster's. */
const VECTOR_TRACE_SIZE = 2048;

/**
 * One-colour art traced from the master's pixels (the one-colour rule applied to the render, light
 * details cut out), sized as the art it stands for; null when the art's own shapes can be combined
 * (see oneColourOps). Rasters always: knocking out the colour trace loses what its palette merged
 * away (the thin dark lines in the white dragon of Bhutan's flag). Vectors when a gradient crosses
 * the threshold or fades (see pixelRuleNeeded): no single verdict per shape is right there.
 */
export async function loadOneColourTrace(
  input: ProcessorInput,
  { art, image: decided }: LoadedArt,
): Promise<{ readonly art: SvgArt; readonly knockout: boolean } | null> {
  const vector = input.format === 'svg';
  if (vector && !pixelRuleNeeded(art.items, input.artwork?.threshold)) return null;
  let trace = decided ? undefined : renderedTraces.get(input);
  if (!trace) {
    trace = traceOneColour(input, decided);
    if (!decided) renderedTraces.set(input, trace);
  }
  const { traced, knockout } = await trace;
  return { art: vector ? sizedLike(traced, art.widthPt, art.heightPt) : sizedLikePixels(traced, input), knockout };
}

/**
 * One-colour traces made from the master's own render, per input: a package asks for one for its
 * SVGs and again for its print PDFs (a pdf run on the same input), and the trace is the slow part.
 */
const renderedTraces = new WeakMap<ProcessorInput, Promise<{ readonly traced: SvgArt; readonly knockout: boolean }>>();

async function traceOneColour(
  input: ProcessorInput,
  decided: RgbaImage | undefined,
): Promise<{ readonly traced: SvgArt; readonly knockout: boolean }> {
  const vector = input.format === 'svg';
  const rendered = decided ?? (await masterArtwork(input, vector ? VECTOR_TRACE_SIZE : TRACE_SIZE)).image;
  // Thin raster art (lettering) is traced enlarged between its pixels, as the trace recipe does.
  const image = !vector && isThinArt(rendered) ? enlargedBetweenPixels(rendered, 2) : rendered;
  const trace = await traceToSvg(image, { isVector: vector, ...(input.artwork ? { artwork: input.artwork } : {}) });
  return { traced: parseSvgArt(trace.svg, `${input.name} (one-colour trace)`), knockout: trace.knockout };
}

/** Traced art scaled onto the artboard of the art it was traced from. */
function sizedLike(traced: SvgArt, widthPt: number, heightPt: number): SvgArt {
  return {
    ...traced,
    widthPt,
    heightPt,
    rootMatrix: multiply(scale(widthPt / traced.widthPt, heightPt / traced.heightPt), traced.rootMatrix),
  };
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
