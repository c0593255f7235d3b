/** A colour of a logo's palette, as extracted (or locked and edited by the designer). */
export interface PaletteColor {
  /** '#rrggbb', lower case. */
  readonly hex: string;
  readonly rgb: readonly [number, number, number];
  /** Naive device CMYK in percent, 0-100 (no ICC profile). */
  readonly cmyk: readonly [number, number, number, number];
  /** CIE L*a*b* (D65), used for colour search and colour error. */
  readonly lab: readonly [number, number, number];
  /** Share of the logo's own (non-background, opaque) area, 0-1. */
  readonly share: number;
  /** A designer's name for it (brand name, Pantone reference), if given. */
  readonly name?: string;
}

export interface Palette {
  readonly colors: readonly PaletteColor[];
  /** True when the designer locked it: traces and separations use it as is. */
  readonly locked: boolean;
}
