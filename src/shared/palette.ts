/** A colour of a logo's palette, as extracted (or locked and edited by the designer). */
export interface PaletteColor {
  /** '#rrggbb', lower case. */
  readonly hex: string;
  readonly rgb: readonly [number, number, number];
  /**
   * CMYK in percent, 0-100: through the press ICC profile (Settings) when the palette recipe made
   * it; an uncalibrated stand-in for colours typed in by hand until the recipe runs.
   */
  readonly cmyk: readonly [number, number, number, number];
  /** CIE L*a*b* (D65), used for colour search and colour error. */
  readonly lab: readonly [number, number, number];
  /** Share of the logo's own (non-background, opaque) area, 0-1. */
  readonly share: number;
  /** A designer's name for it (brand name, Pantone reference), if given. */
  readonly name?: string;
  /** The nearest ink of a loaded swatch book, by CIEDE2000 (palette recipe only). */
  readonly ink?: { readonly name: string; readonly book: string; readonly hex: string; readonly deltaE00: number };
}

export interface Palette {
  readonly colors: readonly PaletteColor[];
  /** True when the designer locked it: traces and separations use it as is. */
  readonly locked: boolean;
}
