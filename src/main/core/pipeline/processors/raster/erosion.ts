/**
 * The pixels of `list` (indices into an image `width` wide) that survive `steps` erosions by their
 * 4-neighbourhood within the list: the core of a patch, empty for one narrower than 2 x steps + 1
 * (a rim, a hairline). Each pass visits the survivors only. `scratch` (one byte per pixel, all
 * zero) holds the passes each pixel survived, and is left all zero.
 */
export function erodedCore(
  list: readonly number[],
  width: number,
  steps: number,
  scratch: Uint8Array,
): readonly number[] {
  const pixels = scratch.length;
  for (const i of list) scratch[i] = 1;
  let survivors = list;
  for (let step = 1; step <= steps && survivors.length > 0; step++) {
    const kept: number[] = [];
    for (const i of survivors) {
      const x = i % width;
      if (x === 0 || x === width - 1 || i < width || i + width >= pixels) continue;
      if (
        (scratch[i - 1] as number) >= step &&
        (scratch[i + 1] as number) >= step &&
        (scratch[i - width] as number) >= step &&
        (scratch[i + width] as number) >= step
      )
        kept.push(i);
    }
    for (const i of kept) scratch[i] = step + 1;
    survivors = kept;
  }
  for (const i of list) scratch[i] = 0;
  return survivors;
}
