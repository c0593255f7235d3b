/**
 * Colour for search and stored palettes: the same sRGB -> CIE L*a*b* (D65), CIE76 and naive CMYK
 * the analysis processors use (raster/color.ts), so "close colour" means one thing everywhere.
 */
import {
  deltaE76,
  type Lab,
  hexToRgb as parseHex,
  type Rgb,
  rgbToLab as rgbBytesToLab,
  rgbToCmyk,
} from '../pipeline/processors/raster/color.ts';

export { deltaE76, type Lab, type Rgb };

/** '#rrggbb' (validated by the contract) to bytes; black for anything malformed. */
export function hexToRgb(hex: string): Rgb {
  return parseHex(hex) ?? [0, 0, 0];
}

export function rgbToLab([r, g, b]: Rgb): Lab {
  return rgbBytesToLab(r, g, b);
}

export function hexToLab(hex: string): Lab {
  return rgbToLab(hexToRgb(hex));
}

/** Naive device CMYK in whole percent (no ICC profile), as the palette type documents. */
export function naiveCmyk([r, g, b]: Rgb): readonly [number, number, number, number] {
  return rgbToCmyk(r, g, b);
}
