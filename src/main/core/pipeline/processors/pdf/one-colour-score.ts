import type { ProcessorInput } from '../../processor.ts';
import { masterArtwork } from '../artwork/master-artwork.ts';
import { scoreOneColour } from '../artwork/score.ts';
import type { RgbaImage } from '../raster/rgba.ts';
import type { SvgArt } from '../svg/art.ts';
import type { Ink } from '../svg/display-list.ts';
import { scale } from '../svg/matrix.ts';
import { displayPageToSvg } from '../svg/svg-draw.ts';
import { renderSvg, type ScoredFidelity } from '../vector/fidelity.ts';
import { oneColourOps } from './one-colour-art.ts';

/** Long side the one-colour art is scored at, as the trace is. */
const SCORE_SIZE = 1024;
const INK: Ink = { space: 'cmyk', cmyk: [0, 0, 0, 100] };

/**
 * The honest score of the one-colour PDFs (black, white, reversed: one shape in three inks): the
 * very ops they draw, rendered by librsvg over the artboard, against the master's render
 * (background decided) under the one-colour rule. `decided` is a raster master's decided pixels
 * when the caller has them already.
 */
export async function scoreOneColourPdf(
  input: ProcessorInput,
  art: SvgArt,
  knockout: boolean,
  decided?: RgbaImage,
): Promise<ScoredFidelity> {
  const threshold = input.artwork?.threshold ?? null;
  const master = decided ?? (await masterArtwork(input, SCORE_SIZE)).image;
  const { width, height } = master;
  const ops = oneColourOps(art, scale(width / art.widthPt, height / art.heightPt), INK, knockout, threshold);
  const svg = displayPageToSvg({ widthPt: width, heightPt: height, ops }, 1, () => '#000000');
  return scoreOneColour(master, await renderSvg(svg, width, height), threshold);
}
