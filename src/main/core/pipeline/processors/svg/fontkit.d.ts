// fontkit 2 ships no types: just what text-layout.ts and font-finder.ts use.
declare module 'fontkit' {
  export interface PathCommand {
    readonly command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
    readonly args: readonly number[];
  }
  export interface GlyphPath {
    readonly commands: readonly PathCommand[];
  }
  export interface Glyph {
    readonly id: number;
    readonly path: GlyphPath;
    readonly advanceWidth: number;
    /** The characters the glyph stands for (several for a ligature). */
    readonly codePoints: readonly number[];
  }
  export interface GlyphPosition {
    readonly xAdvance: number;
    readonly yAdvance: number;
    readonly xOffset: number;
    readonly yOffset: number;
  }
  export interface GlyphRun {
    readonly glyphs: readonly Glyph[];
    readonly positions: readonly GlyphPosition[];
    readonly advanceWidth: number;
  }
  export interface Font {
    readonly type: string;
    readonly postscriptName: string | null;
    readonly familyName: string | null;
    readonly subfamilyName: string | null;
    readonly unitsPerEm: number;
    readonly italicAngle: number;
    readonly numGlyphs: number;
    readonly 'OS/2'?: {
      readonly usWeightClass: number;
      readonly usWidthClass: number;
      readonly fsSelection?: { readonly italic?: boolean; readonly oblique?: boolean };
    };
    getName(key: string, lang?: string): string | null;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string, features?: Record<string, boolean> | readonly string[]): GlyphRun;
  }
  export interface FontCollection {
    readonly type: string;
    readonly fonts: readonly Font[];
  }
  export function openSync(path: string): Font | FontCollection;
}
