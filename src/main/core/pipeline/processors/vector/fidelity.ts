import sharp from 'sharp';
import { deltaE76, LabCache } from '../../../../../shared/colour.ts';
import { OPAQUE_ALPHA, type RgbaImage } from '../raster/rgba.ts';

/** How faithfully a trace reproduces its input, measured by rendering it back. */
export interface Fidelity {
  /** Intersection over union of covered pixels (input vs re-rendered trace), 0-1. */
  readonly iou: number;
  /** Mean CIE76 error over the logo's own pixels (omitted for bilevel traces). */
  readonly meanColorError?: number;
  /** Share of the logo's own pixels off by more than 10 (CIE76), 0-1. */
  readonly shareOffBy10?: number;
}

/** Renders an SVG (whose width/height are the image's) back to RGBA with sharp. */
export async function renderSvg(svg: string, width: number, height: number): Promise<RgbaImage> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 72 })
    .resize(width, height, { fit: 'fill' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** IoU of a reference mask (1 = covered) against the rendered image's alpha coverage. */
export function coverageIoU(reference: Uint8Array, rendered: RgbaImage): number {
  let intersection = 0;
  let union = 0;
  for (let i = 0; i < reference.length; i++) {
    const a = reference[i] === 1;
    const b = (rendered.data[i * 4 + 3] as number) >= OPAQUE_ALPHA;
    if (a && b) intersection++;
    if (a || b) union++;
  }
  return union === 0 ? 1 : intersection / union;
}

/**
 * Colour fidelity on the logo's own pixels (`logo` mask). Colours are compared straight (not
 * premultiplied), so matching anti-aliased edges do not count as colour error (coverage is what
 * IoU measures); a logo pixel the trace leaves fully transparent counts as its colour against mid
 * grey, so misses are never free.
 */
export function colorFidelity(input: RgbaImage, rendered: RgbaImage, logo: Uint8Array): Fidelity {
  const labs = new LabCache();
  const grey = labs.get(128, 128, 128);
  let sum = 0;
  let off = 0;
  let count = 0;
  const a = new Uint32Array(input.data.buffer, input.data.byteOffset, logo.length);
  const b = new Uint32Array(rendered.data.buffer, rendered.data.byteOffset, logo.length);
  // Errors by (input colour, output colour) pair: runs of equal pairs are the norm.
  let lastPair = -1;
  let lastError = 0;
  for (let i = 0; i < logo.length; i++) {
    if (!logo[i]) continue;
    const wa = (a[i] as number) & 0xffffff;
    const wordB = b[i] as number;
    const wb = wordB >>> 24 === 0 ? -1 : wordB & 0xffffff;
    const pair = wa * 0x2000000 + (wb + 1);
    if (pair !== lastPair) {
      const expected = labs.get(wa & 255, (wa >>> 8) & 255, wa >>> 16);
      const actual = wb < 0 ? grey : labs.get(wb & 255, (wb >>> 8) & 255, wb >>> 16);
      lastError = deltaE76(expected, actual);
      lastPair = pair;
    }
    sum += lastError;
    if (lastError > 10) off++;
    count++;
  }
  return {
    iou: round(coverageIoU(logo, rendered), 4),
    meanColorError: round(count === 0 ? 0 : sum / count, 3),
    shareOffBy10: round(count === 0 ? 0 : off / count, 5),
  };
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * The least fidelity each kind of output must reach against its master (the figures the product
 * promises); an output under it is flagged in its facts, the details panel, the export summary and
 * the CLI's --json.
 */
export const FIDELITY_THRESHOLDS = {
  /** Bilevel trace: IoU of its ink against the master's ink under the one-colour rule. */
  traceIoU: 0.99,
  /** Colour trace: mean CIE76 error over the master's own pixels. */
  colourMeanError: 2,
  /** One-colour versions (black, white): IoU of their ink against the master's ink under the rule. */
  oneColourIoU: 0.95,
} as const;

/** A score and whether it passes its threshold, as stored in facts. */
export interface ScoredFidelity extends Fidelity {
  /** What the output was compared with: always a render of the master, transformed by the version's rule. */
  readonly reference: 'master' | 'master-one-colour';
  readonly belowThreshold: boolean;
}

/** The warning a flagged output carries, in a designer's words. */
export function fidelityWarning(what: string, fidelity: ScoredFidelity): string | null {
  if (!fidelity.belowThreshold) return null;
  const score =
    fidelity.meanColorError !== undefined
      ? `colours off by ΔE ${fidelity.meanColorError.toFixed(1)} on average`
      : `only ${(fidelity.iou * 100).toFixed(1)} % of its shape matches`;
  return `${what} does not match the master closely enough (${score}): check it before use.`;
}
