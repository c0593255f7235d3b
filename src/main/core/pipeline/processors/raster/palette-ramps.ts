import { LabCache, type Rgb } from '../../../../../shared/colour.ts';
import { OPAQUE_ALPHA, type RgbaImage } from './rgba.ts';

export interface RampOptions {
  /** Pixels to ignore (1 = ignore): the background region. */
  readonly exclude?: Uint8Array;
  /** The palette grows to at most this many colours. */
  readonly maxColors: number;
  /** A smooth pixel farther than this (CIE76) from every colour is poorly served (default 2.5). */
  readonly target?: number;
  /** Least share of the logo the pixels a new colour serves must cover (default 0.05 %). */
  readonly minShare?: number;
  /** Stop when the poorly served pixels' error beyond `target`, spread over the logo, is this little (default 0.1). */
  readonly enough?: number;
}

/** Alpha of a solid pixel: fringes are coverage, never colour. */
const SOLID_ALPHA = 250;
/** A pixel is smooth (part of a ramp, not an edge) when no channel steps more than this to its right and lower neighbours. */
const SMOOTH_STEP = 6;
/** Pixels are sampled on a grid of this pitch: a ramp is wide, and this keeps the work small. */
const PITCH = 2;

/**
 * Adds colours where the logo has smooth ramps (gradients) that its flat colours serve poorly.
 * extractPalette counts exact interior colours, and a gradient spreads its pixels over hundreds of
 * colours each too rare to count, so a ramp became two or three bands (devicon jeet: ΔE76 3.2).
 * Here smooth pixels (equal-ish to their neighbours, so never an anti-aliased edge) farther than
 * `target` from every palette colour are binned (5 bits per channel), and the bin with the most
 * error is added as its mean colour, until the ramps are served, the bins are too small, or the
 * palette is full. Flat logos have no such pixels and are returned unchanged.
 */
export function addRampColours(image: RgbaImage, palette: readonly Rgb[], options: RampOptions): Rgb[] {
  const colours = [...palette];
  if (colours.length === 0 || colours.length >= options.maxColors) return colours;
  const target = options.target ?? 2.5;
  const { width, height, data } = image;
  const exclude = options.exclude;
  const words = new Uint32Array(data.buffer, data.byteOffset, width * height);
  const labs = new LabCache();
  const paletteLabs = colours.map((rgb) => labs.get(rgb[0], rgb[1], rgb[2]));

  // Poorly served smooth samples, by exact colour (a ramp repeats each of its colours many times).
  const errorOf = new Map<number, number>();
  const poorCount = new Map<number, number>();
  let sampled = 0;
  let lastKey = -1;
  let lastError = 0;
  for (let y = 0; y + 1 < height; y += PITCH) {
    for (let x = 0, i = y * width; x + 1 < width; x += PITCH, i += PITCH) {
      const word = words[i] as number;
      if (word >>> 24 < OPAQUE_ALPHA || exclude?.[i]) continue;
      sampled++;
      if (word >>> 24 < SOLID_ALPHA || exclude?.[i + 1] || exclude?.[i + width]) continue;
      if (!smooth(word, words[i + 1] as number) || !smooth(word, words[i + width] as number)) continue;
      const key = word & 0xffffff;
      if (key !== lastKey) {
        let error = errorOf.get(key);
        if (error === undefined) {
          const lab = labs.get(key & 255, (key >>> 8) & 255, key >>> 16);
          error = Number.POSITIVE_INFINITY;
          for (const p of paletteLabs) error = Math.min(error, Math.hypot(lab[0] - p[0], lab[1] - p[1], lab[2] - p[2]));
          errorOf.set(key, error);
        }
        lastKey = key;
        lastError = error;
      }
      if (lastError > target) poorCount.set(key, (poorCount.get(key) ?? 0) + 1);
    }
  }
  let live = poorCount.size;
  const keys = new Uint32Array(live);
  const counts = new Float64Array(live);
  const errors = new Float64Array(live);
  const lab = new Float64Array(live * 3);
  let excess = 0;
  let poorSamples = 0;
  let n = 0;
  for (const [key, count] of poorCount) {
    const own = labs.get(key & 255, (key >>> 8) & 255, key >>> 16);
    keys[n] = key;
    counts[n] = count;
    errors[n] = errorOf.get(key) as number;
    lab.set(own, n * 3);
    excess += count * ((errors[n] as number) - target);
    poorSamples += count;
    n++;
  }
  const minCount = Math.max(4, (options.minShare ?? 0.0005) * sampled);
  const enough = (options.enough ?? 0.1) * sampled;
  while (colours.length < options.maxColors && poorSamples >= minCount && excess > enough) {
    const bins = new Map<number, { count: number; error: number; r: number; g: number; b: number }>();
    for (let k = 0; k < live; k++) {
      const key = keys[k] as number;
      const count = counts[k] as number;
      const bin5 = binOf(key);
      let bin = bins.get(bin5);
      if (!bin) {
        bin = { count: 0, error: 0, r: 0, g: 0, b: 0 };
        bins.set(bin5, bin);
      }
      bin.count += count;
      bin.error += count * (errors[k] as number);
      bin.r += count * (key & 255);
      bin.g += count * ((key >>> 8) & 255);
      bin.b += count * (key >>> 16);
    }
    let chosen: { count: number; error: number; r: number; g: number; b: number } | undefined;
    let chosenBin = -1;
    for (const [bin5, bin] of bins)
      if (bin.count >= minCount && (!chosen || bin.error > chosen.error)) {
        chosen = bin;
        chosenBin = bin5;
      }
    if (!chosen) break;
    const rgb: Rgb = [
      Math.round(chosen.r / chosen.count),
      Math.round(chosen.g / chosen.count),
      Math.round(chosen.b / chosen.count),
    ];
    colours.push(rgb);
    const added = labs.get(rgb[0], rgb[1], rgb[2]);
    // Keep the still poorly served colours at the front. The chosen bin's colours are as well served
    // as this pass can make them (a dark bin spans more than `target`): dropped, so the next pass
    // moves on instead of choosing it again.
    let kept = 0;
    excess = 0;
    poorSamples = 0;
    for (let k = 0; k < live; k++) {
      const key = keys[k] as number;
      const d = Math.min(
        errors[k] as number,
        Math.hypot(
          (lab[k * 3] as number) - added[0],
          (lab[k * 3 + 1] as number) - added[1],
          (lab[k * 3 + 2] as number) - added[2],
        ),
      );
      if (d <= target || binOf(key) === chosenBin) continue;
      keys[kept] = key;
      counts[kept] = counts[k] as number;
      errors[kept] = d;
      lab[kept * 3] = lab[k * 3] as number;
      lab[kept * 3 + 1] = lab[k * 3 + 1] as number;
      lab[kept * 3 + 2] = lab[k * 3 + 2] as number;
      excess += (counts[kept] as number) * (d - target);
      poorSamples += counts[kept] as number;
      kept++;
    }
    live = kept;
  }
  return colours;
}

/** The 5-bit-per-channel bin of a colour (0xBBGGRR). */
function binOf(key: number): number {
  return (((key & 255) >> 3) << 10) | ((((key >>> 8) & 255) >> 3) << 5) | ((key >>> 16) >> 3);
}

/** Two pixels (little-endian RGBA words) are one smooth surface: both solid, no channel steps more than SMOOTH_STEP. */
function smooth(a: number, b: number): boolean {
  return (
    b >>> 24 >= SOLID_ALPHA &&
    Math.abs((a & 255) - (b & 255)) <= SMOOTH_STEP &&
    Math.abs(((a >>> 8) & 255) - ((b >>> 8) & 255)) <= SMOOTH_STEP &&
    Math.abs(((a >>> 16) & 255) - ((b >>> 16) & 255)) <= SMOOTH_STEP
  );
}
