import sharp from 'sharp';
import { MarqueError } from '../../../../../shared/errors.ts';
import type { DisplayPage, Ink } from '../svg/display-list.ts';
import { displayPageToSvg } from '../svg/svg-draw.ts';
import { type Screen, screenToFilm } from './halftone.ts';

/** A film larger than this many pixels is refused (about 250 x 250 mm at 1200 dpi). */
export const MAX_FILM_PIXELS = 150_000_000;

function tintOf(ink: Ink): number {
  return ink.space === 'separation' ? ink.tint : (ink.cmyk[3] ?? 0) / 100;
}

/**
 * One render carries two measures: red = 255 - coverage (any ink at all), green = 255 - tint.
 * Anti-aliasing blends both channels alike, so their ratio is the tint even on edge pixels.
 */
function inkAsCoverageAndTint(ink: Ink): string {
  const tint = Math.min(1, Math.max(0, tintOf(ink)));
  if (tint <= 0) return '#ffffff';
  return `#00${Math.round(255 * (1 - tint))
    .toString(16)
    .padStart(2, '0')}00`;
}

/** Gradient stops are covered even at tint 0, so a ramp to nothing is screened, not cut at 50 %. */
function gradientStopColour(ink: Ink): string {
  const tint = Math.min(1, Math.max(0, tintOf(ink)));
  return `#00${Math.round(255 * (1 - tint))
    .toString(16)
    .padStart(2, '0')}00`;
}

export function filmPixelSize(
  page: Pick<DisplayPage, 'widthPt' | 'heightPt'>,
  dpi: number,
): { width: number; height: number } {
  return { width: Math.round((page.widthPt / 72) * dpi), height: Math.round((page.heightPt / 72) * dpi) };
}

/**
 * Rasterizes one plate page at `dpi` and screens it: a film positive, opaque black where ink goes,
 * transparent elsewhere (grey + alpha PNG), with the resolution recorded in the file.
 */
export async function renderFilm(page: DisplayPage, dpi: number, screen: Screen | null): Promise<Uint8Array> {
  const { width, height } = filmPixelSize(page, dpi);
  if (width * height > MAX_FILM_PIXELS) {
    throw new MarqueError(
      'INVALID_INPUT',
      `film of ${width} x ${height} px is too large; lower the dpi or the print width`,
    );
  }
  // Solids keep hard edges (coverage thresholded at 50 %); only true tints get screened.
  const rgb = await renderRgb(
    displayPageToSvg(page, dpi / 72, inkAsCoverageAndTint, '#ffffff', gradientStopColour),
    width,
    height,
  );
  // Uncovered pixels keep amount 0 and stay clear; covered ones carry their tint.
  const amount = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < amount.length; i++, j += 3) {
    const c = 255 - (rgb[j] as number);
    if (c >= 128) amount[i] = Math.min(255, Math.round(((255 - (rgb[j + 1] as number)) * 255) / c));
  }
  const pixels = screenToFilm(amount, width, height, dpi, screen);
  const png = await sharp(pixels, { raw: { width, height, channels: 2 }, limitInputPixels: MAX_FILM_PIXELS + 1 })
    .toColourspace('b-w')
    .withDensity(dpi)
    .png({ compressionLevel: 6 })
    .toBuffer();
  return new Uint8Array(png);
}

async function renderRgb(svg: string, width: number, height: number): Promise<Uint8Array> {
  const rgb = await sharp(Buffer.from(svg), { limitInputPixels: MAX_FILM_PIXELS + 1 })
    .resize(width, height, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer();
  return new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.byteLength);
}
