import { OPAQUE_ALPHA, type RgbaImage } from '../raster/rgba.ts';

/**
 * Share of the logo's pixels (alpha >= OPAQUE_ALPHA) that are anti-aliased edge: partly covered,
 * and with a coverage unlike a neighbour's (translucent art is uniformly partial, not edge). Thin
 * lettering is mostly edge: there the half pixel a binary bitmap leaves potrace is most of the
 * colour error on white (devicon express and electron wordmarks: ΔE76 2.1 and 2.7, all of it edge).
 */
export function edgeShare(image: RgbaImage): number {
  const { width, data } = image;
  const row = width * 4;
  let logo = 0;
  let edge = 0;
  for (let o = 3; o < data.length; o += 4) {
    const alpha = data[o] as number;
    if (alpha < OPAQUE_ALPHA) continue;
    logo++;
    if (alpha === 255) continue;
    const right = (o + 4) % row === 3 ? alpha : (data[o + 4] as number);
    const below = o + row < data.length ? (data[o + row] as number) : alpha;
    if (Math.abs(alpha - right) > EDGE_STEP || Math.abs(alpha - below) > EDGE_STEP) edge++;
  }
  return logo === 0 ? 0 : edge / logo;
}

/**
 * Logos whose pixels are more than this share anti-aliased edge (thin lettering) are traced at
 * twice the size: the edges then sit within a quarter pixel, not a half. Mostly-solid logos gain
 * little for four times the pixels; one logo in forty is this thin.
 */
const FINE_EDGE_SHARE = 0.05;

/** Whether the traces should work from this image at twice its size (see FINE_EDGE_SHARE). */
export function isThinArt(image: RgbaImage): boolean {
  return edgeShare(image) > FINE_EDGE_SHARE;
}

/** Coverage steps of more than this between neighbours make a partly covered pixel an edge. */
const EDGE_STEP = 8;

/**
 * The image enlarged `factor` times, bilinear on pixel centres (colours premultiplied): an
 * anti-aliased edge's half-coverage line then falls within 1 / (2 * factor) of a pixel of where it
 * was drawn, which a binary bitmap at the original size can only place to half a pixel.
 */
export function enlargedBetweenPixels(image: RgbaImage, factor: number): RgbaImage {
  const { width, height, data } = image;
  const w2 = width * factor;
  const h2 = height * factor;
  const out = new Uint8Array(w2 * h2 * 4);
  // Output pixel X samples the source at its centre, x = (X + 0.5) / factor - 0.5 (for twice the
  // size, X / 2 - 0.25: weights 3/4 and 1/4 of its two neighbours).
  const left = new Int32Array(w2);
  const right = new Int32Array(w2);
  const across = new Float64Array(w2);
  for (let X = 0; X < w2; X++) {
    const sx = (X + 0.5) / factor - 0.5;
    left[X] = Math.max(0, Math.floor(sx)) * 4;
    right[X] = Math.min(width - 1, Math.floor(sx) + 1) * 4;
    across[X] = sx < 0 ? 0 : sx - Math.floor(sx);
  }
  for (let Y = 0; Y < h2; Y++) {
    const sy = (Y + 0.5) / factor - 0.5;
    const top = Math.max(0, Math.floor(sy)) * width * 4;
    const bottom = Math.min(height - 1, Math.floor(sy) + 1) * width * 4;
    const fy = sy < 0 ? 0 : sy - Math.floor(sy);
    for (let X = 0, p = Y * w2 * 4; X < w2; X++, p += 4) {
      const o00 = top + (left[X] as number);
      const o01 = top + (right[X] as number);
      const o10 = bottom + (left[X] as number);
      const o11 = bottom + (right[X] as number);
      const a00 = data[o00 + 3] as number;
      const a01 = data[o01 + 3] as number;
      const a10 = data[o10 + 3] as number;
      const a11 = data[o11 + 3] as number;
      if ((a00 | a01 | a10 | a11) === 0) continue;
      const fx = across[X] as number;
      const w00 = a00 * (1 - fx) * (1 - fy);
      const w01 = a01 * fx * (1 - fy);
      const w10 = a10 * (1 - fx) * fy;
      const w11 = a11 * fx * fy;
      const a = w00 + w01 + w10 + w11;
      for (let c = 0; c < 3; c++)
        out[p + c] = Math.round(
          ((data[o00 + c] as number) * w00 +
            (data[o01 + c] as number) * w01 +
            (data[o10 + c] as number) * w10 +
            (data[o11 + c] as number) * w11) /
            a,
        );
      out[p + 3] = Math.round(a);
    }
  }
  return { width: w2, height: h2, data: out };
}
