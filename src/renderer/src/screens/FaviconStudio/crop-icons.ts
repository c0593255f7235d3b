/** A square over the master, as fractions of its width and height (so it survives any display size). */
export interface SymbolCrop {
  /** Left edge, 0-1 of the image width. */
  readonly x: number;
  /** Top edge, 0-1 of the image height. */
  readonly y: number;
  /** Side, 0-1 of the image's shorter side. */
  readonly size: number;
}

/** Keeps a crop square inside an image of this aspect (width / height). */
export function clampCrop(crop: SymbolCrop, aspect: number): SymbolCrop {
  const size = Math.min(1, Math.max(0.05, crop.size));
  // The side in fractions of each axis: the shorter side is `size`.
  const w = aspect >= 1 ? size / aspect : size;
  const h = aspect >= 1 ? size : size * aspect;
  return { size, x: Math.min(1 - w, Math.max(0, crop.x)), y: Math.min(1 - h, Math.max(0, crop.y)) };
}

/** The crop's side as fractions of the width and the height. */
export function cropExtent(crop: SymbolCrop, aspect: number): { w: number; h: number } {
  return aspect >= 1 ? { w: crop.size / aspect, h: crop.size } : { w: crop.size, h: crop.size * aspect };
}

/**
 * Draws the cropped square of an image at `size` px and returns it as a PNG data URL, the form
 * the favicon recipe takes for its hand-made 16/32 px icons.
 */
export async function cropToPng(image: Blob, crop: SymbolCrop, size: number): Promise<string> {
  const bitmap = await createImageBitmap(image);
  try {
    const aspect = bitmap.width / bitmap.height;
    const { w, h } = cropExtent(crop, aspect);
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw the crop');
    context.imageSmoothingQuality = 'high';
    context.drawImage(
      bitmap,
      crop.x * bitmap.width,
      crop.y * bitmap.height,
      w * bitmap.width,
      h * bitmap.height,
      0,
      0,
      size,
      size,
    );
    return canvas.toDataURL('image/png');
  } finally {
    bitmap.close();
  }
}
