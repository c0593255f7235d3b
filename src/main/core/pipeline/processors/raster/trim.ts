import { maskBounds } from '../vector/potrace.ts';
import { backgroundColourMask, DEFAULT_BACKGROUND_TOLERANCE, detectBackground } from './background.ts';
import type { RgbaImage } from './rgba.ts';
import { usesTransparency } from './rgba.ts';

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The box holding the logo without its empty margins: fully transparent pixels for logos with
 * transparency, pixels within `tolerance` of a flat border colour otherwise. Null when there is
 * nothing to trim by (no flat background) or nothing in the image at all.
 */
export function contentBox(image: RgbaImage, tolerance = DEFAULT_BACKGROUND_TOLERANCE): Box | null {
  const { width, height, data } = image;
  const pixels = width * height;
  const content = new Uint8Array(pixels);
  if (usesTransparency(image)) {
    for (let i = 0; i < pixels; i++) content[i] = (data[i * 4 + 3] as number) > 0 ? 1 : 0;
  } else {
    const background = detectBackground(image, tolerance);
    if (!background) return null;
    const paper = backgroundColourMask(image, background, tolerance);
    for (let i = 0; i < pixels; i++) content[i] = paper[i] ? 0 : 1;
  }
  const bounds = maskBounds(content, width, height);
  return bounds
    ? { left: bounds.x0, top: bounds.y0, width: bounds.x1 - bounds.x0, height: bounds.y1 - bounds.y0 }
    : null;
}

/** A copy of the pixels inside `box`, grown by `padding` on each side (clamped to the image). */
export function cropRgba(image: RgbaImage, box: Box, padding = 0): RgbaImage {
  const left = Math.max(0, box.left - padding);
  const top = Math.max(0, box.top - padding);
  const right = Math.min(image.width, box.left + box.width + padding);
  const bottom = Math.min(image.height, box.top + box.height + padding);
  const width = right - left;
  const height = bottom - top;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * image.width + left) * 4;
    data.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data };
}
