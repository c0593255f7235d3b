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
  const labs = new LabCache();
  const paletteLabs = colours.map((rgb) => labs.get(rgb[0], rgb[1], rgb[2]));

  let sampled = 0;
  const poor: number[] = [];
  const poorError: number[] = [];
  for (let y = 0; y + 1 < height; y += PITCH) {
    for (let x = 0, i = y * width; x + 1 < width; x += PITCH, i += PITCH) {
      const o = i * 4;
      if ((data[o + 3] as number) < OPAQUE_ALPHA || exclude?.[i]) continue;
      sampled++;
      if ((data[o + 3] as number) < SOLID_ALPHA) continue;
      if (!smooth(data, o, o + 4) || !smooth(data, o, o + width * 4)) continue;
      if (exclude?.[i + 1] || exclude?.[i + width]) continue;
      const lab = labs.get(data[o] as number, data[o + 1] as number, data[o + 2] as number);
      let best = Number.POSITIVE_INFINITY;
      for (const p of paletteLabs) {
        const d = Math.hypot(lab[0] - p[0], lab[1] - p[1], lab[2] - p[2]);
        if (d < best) best = d;
      }
      if (best > target) {
        poor.push(i);
        poorError.push(best);
      }
    }
  }
  const minCount = Math.max(4, (options.minShare ?? 0.0005) * sampled);
  let live = poor.length;
  let excess = 0;
  for (let k = 0; k < live; k++) excess += (poorError[k] as number) - target;
  const enough = (options.enough ?? 0.1) * sampled;
  while (colours.length < options.maxColors && live >= minCount && excess > enough) {
    const bins = new Map<number, { count: number; error: number; r: number; g: number; b: number }>();
    for (let k = 0; k < live; k++) {
      const o = (poor[k] as number) * 4;
      const r = data[o] as number;
      const g = data[o + 1] as number;
      const b = data[o + 2] as number;
      const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
      let bin = bins.get(key);
      if (!bin) {
        bin = { count: 0, error: 0, r: 0, g: 0, b: 0 };
        bins.set(key, bin);
      }
      bin.count++;
      bin.error += poorError[k] as number;
      bin.r += r;
      bin.g += g;
      bin.b += b;
    }
    let chosen: { count: number; error: number; r: number; g: number; b: number } | undefined;
    let chosenKey = -1;
    for (const [key, bin] of bins)
      if (bin.count >= minCount && (!chosen || bin.error > chosen.error)) {
        chosen = bin;
        chosenKey = key;
      }
    if (!chosen) break;
    const rgb: Rgb = [
      Math.round(chosen.r / chosen.count),
      Math.round(chosen.g / chosen.count),
      Math.round(chosen.b / chosen.count),
    ];
    colours.push(rgb);
    const lab = labs.get(rgb[0], rgb[1], rgb[2]);
    // Keep the still poorly served pixels at the front of the list.
    let kept = 0;
    excess = 0;
    for (let k = 0; k < live; k++) {
      const i = poor[k] as number;
      const o = i * 4;
      const own = labs.get(data[o] as number, data[o + 1] as number, data[o + 2] as number);
      const d = Math.min(poorError[k] as number, Math.hypot(own[0] - lab[0], own[1] - lab[1], own[2] - lab[2]));
      // The chosen bin's pixels are as well served as this pass can make them (a dark bin spans
      // more than `target`): dropped, so the next pass moves on instead of choosing it again.
      const key =
        (((data[o] as number) >> 3) << 10) | (((data[o + 1] as number) >> 3) << 5) | ((data[o + 2] as number) >> 3);
      if (d <= target || key === chosenKey) continue;
      poor[kept] = i;
      poorError[kept] = d;
      excess += d - target;
      kept++;
    }
    live = kept;
  }
  return colours;
}

function smooth(data: Uint8Array, a: number, b: number): boolean {
  return (
    (data[b + 3] as number) >= SOLID_ALPHA &&
    Math.abs((data[a] as number) - (data[b] as number)) <= SMOOTH_STEP &&
    Math.abs((data[a + 1] as number) - (data[b + 1] as number)) <= SMOOTH_STEP &&
    Math.abs((data[a + 2] as number) - (data[b + 2] as number)) <= SMOOTH_STEP
  );
}
