import { LabCache } from '../../../../../shared/colour.ts';
import { OPAQUE_ALPHA, type RgbaImage } from '../raster/rgba.ts';
import type { PixelBox } from '../vector/potrace.ts';
import { measureArtInk } from './colour.ts';
import { inkWeight, needsKnockout, oneColourThreshold } from './knockout.ts';

/**
 * The one-colour rule (see knockout.ts) applied to pixels: 1 where a one-colour version of this
 * (background-decided) image puts ink. Light colours are paper when the mark has darker ink.
 * The mask's bounding box comes with it (exclusive upper bounds; null when empty): the trace
 * needs both, and one pass is cheaper than two on a large render.
 */
export function oneColourMask(
  image: RgbaImage,
  options: { readonly threshold?: number | null; readonly alphaCut?: number } = {},
): { readonly mask: Uint8Array; readonly knockout: boolean; readonly box: PixelBox | null } {
  const { data } = image;
  const pixels = image.width * image.height;
  const mask = new Uint8Array(pixels);
  const cut = options.alphaCut ?? OPAQUE_ALPHA;
  // A sample of a large image says as much about the ink's colours as every pixel.
  const knockout = needsKnockout(measureArtInk(image, sampleStride(pixels)), options.threshold);
  const labs = new LabCache();
  const words = new Uint32Array(data.buffer, data.byteOffset, pixels);
  let lastColour = -1;
  let lastOn = 0;
  const { width, height } = image;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  // One pass over 32-bit pixels (alpha in the top byte); the box grows per row, by scanning a row
  // with ink from each end only as far as the box does not reach yet.
  for (let y = 0, row = 0; y < height; y++, row += width) {
    let any = 0;
    const end = row + width;
    if (!knockout) {
      for (let i = row; i < end; i++) {
        if ((words[i] as number) >>> 24 < cut) continue;
        mask[i] = 1;
        any = 1;
      }
    } else {
      for (let i = row; i < end; i++) {
        const word = words[i] as number;
        const alpha = word >>> 24;
        if (alpha < cut) continue;
        // The colour, and whether it is an edge pixel (its colour rounded when unpremultiplied).
        const colour = alpha === 255 ? word & 0xffffff : (word & 0xffffff) | 0x1000000;
        if (colour !== lastColour) {
          const l = labs.get(colour & 255, (colour >>> 8) & 255, (colour >>> 16) & 255)[0];
          // An edge pixel of a colour a hair darker than the threshold may be that colour rounded:
          // it must be clearly darker, or a colour on the threshold leaves hairline slivers.
          const margin = colour > 0xffffff ? EDGE_ROUNDING_L : 0;
          lastOn = inkWeight(l + margin, options.threshold) >= 0.5 ? 1 : 0;
          lastColour = colour;
        }
        if (!lastOn) continue;
        mask[i] = 1;
        any = 1;
      }
    }
    if (!any) continue;
    if (y < y0) y0 = y;
    y1 = y;
    let x = 0;
    while (x < x0 && !mask[row + x]) x++;
    if (x < x0) x0 = x;
    x = width - 1;
    while (x > x1 && !mask[row + x]) x--;
    if (x > x1) x1 = x;
  }
  return { mask, knockout, box: x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 } };
}

/**
 * How far (L*) an anti-aliased pixel's colour can stray from the colour drawn: librsvg stores
 * premultiplied 8-bit channels, so unpremultiplying a pixel over half covered is off by up to a
 * level a channel (about 0.4 L* near the threshold). Bourbon's glass outline, L* 85.008 on the
 * default threshold of 85, traced as 462 hairline slivers along its edge without it.
 */
const EDGE_ROUNDING_L = 0.5;

/** Every n-th pixel (n odd, so rows do not alias) for about 100 000 samples. */
function sampleStride(pixels: number): number {
  return Math.max(1, Math.floor(pixels / 100_000)) | 1;
}

/** Reference mask values: paper, ink, and pixels too close to call (edges, colours near the threshold). */
export const REF_PAPER = 0;
export const REF_INK = 1;
export const REF_UNSURE = 2;
/** How far (L*) below and above the threshold a colour must be to count as surely ink or paper. */
const REF_INK_MARGIN = 10;
const REF_PAPER_MARGIN = 5;

/**
 * What a one-colour version of the master must look like, for scoring: ink where the rule says ink
 * with a margin (L* below threshold - 10), paper where transparent or clearly light (L* above
 * threshold + 5), unsure in between and on anti-aliased edges. With the default threshold (85)
 * this is "L* < 75 is ink, transparent or L* > 90 is paper". Anti-aliased edges are the pixels
 * half-transparent, and the opaque pixels that mix two colours of different verdicts (see
 * mixedEdges): a third of a red stripe over yellow is dark enough to read as ink, yet a
 * one-colour version rightly puts a third of a pixel of ink there.
 */
export function referenceInk(image: RgbaImage, threshold?: number | null): Uint8Array {
  const { data } = image;
  const pixels = image.width * image.height;
  const out = new Uint8Array(pixels);
  const knockout = needsKnockout(measureArtInk(image, sampleStride(pixels)), threshold);
  const t = oneColourThreshold(threshold);
  const labs = new LabCache();
  const light = knockout ? new Float32Array(pixels).fill(-1) : null;
  for (let i = 0; i < pixels; i++) {
    const alpha = data[i * 4 + 3] as number;
    if (alpha < 64) {
      out[i] = REF_PAPER;
      continue;
    }
    if (alpha < 192) {
      out[i] = REF_UNSURE;
      continue;
    }
    if (!light) {
      out[i] = REF_INK;
      continue;
    }
    const l = labs.get(data[i * 4] as number, data[i * 4 + 1] as number, data[i * 4 + 2] as number)[0];
    light[i] = l;
    out[i] = l < t - REF_INK_MARGIN ? REF_INK : l > t + REF_PAPER_MARGIN ? REF_PAPER : REF_UNSURE;
  }
  if (!light) return out;
  // A mark whose darkest ink is itself near the threshold (Grails' light orange disc, L* 80, with
  // white letters) has no sure ink under the margin, and every output would score 0: the rule
  // itself (darker than the threshold is ink) is the reference there.
  let ink = 0;
  let unsure = 0;
  for (let i = 0; i < pixels; i++) {
    if (out[i] === REF_INK) ink++;
    else if (out[i] === REF_UNSURE && (light[i] as number) >= 0) unsure++;
  }
  if (ink < unsure * SURE_INK_SHARE)
    for (let i = 0; i < pixels; i++) {
      const l = light[i] as number;
      if (l >= 0 && out[i] === REF_UNSURE && l < t) out[i] = REF_INK;
    }
  mixedEdges(out, light, image.width);
  return out;
}

/** Sure ink must be at least this share of the near-threshold pixels, or the rule is the reference. */
const SURE_INK_SHARE = 0.05;

/** How much lighter or darker (L*) than both neighbours a pixel must be to be a mix of them. */
const MIX_STEP = 2;

/**
 * Marks unsure the opaque pixels that mix a colour of one verdict with one of another: strictly
 * between two opposite neighbours in lightness (by more than MIX_STEP each way) while some
 * neighbour has a different verdict. A sharp edge, where every pixel equals a neighbour, stays sure.
 */
function mixedEdges(out: Uint8Array, light: Float32Array, width: number): void {
  const pixels = out.length;
  const verdicts = out.slice();
  for (let i = 0; i < pixels; i++) {
    const l = light[i] as number;
    if (l < 0 || verdicts[i] === REF_UNSURE) continue;
    const x = i % width;
    const pairs: readonly [number, number][] = [
      [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1],
      [i - width, i + width < pixels ? i + width : -1],
    ];
    for (const [a, b] of pairs) {
      if (a < 0 || b < 0) continue;
      const la = light[a] as number;
      const lb = light[b] as number;
      if (la < 0 || lb < 0) continue;
      const between = (la < l - MIX_STEP && lb > l + MIX_STEP) || (lb < l - MIX_STEP && la > l + MIX_STEP);
      if (between && (verdicts[a] !== verdicts[i] || verdicts[b] !== verdicts[i])) {
        out[i] = REF_UNSURE;
        break;
      }
    }
  }
}

/** IoU of a reference (see referenceInk) against an output's coverage (1 = ink), unsure pixels left out. */
export function referenceIoU(reference: Uint8Array, covered: (index: number) => boolean): number {
  let intersection = 0;
  let union = 0;
  for (let i = 0; i < reference.length; i++) {
    const ref = reference[i] as number;
    if (ref === REF_UNSURE) continue;
    const on = covered(i);
    if (ref === REF_INK && on) intersection++;
    if (ref === REF_INK || on) union++;
  }
  return union === 0 ? 1 : intersection / union;
}
