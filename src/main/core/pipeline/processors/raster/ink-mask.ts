import type { ArtworkSettings, BackgroundDecision } from '../../../../../shared/artwork.ts';
import type { Rgb } from '../../../../../shared/colour.ts';
import { applyBackgroundDecision } from '../artwork/background-decision.ts';
import { oneColourMask } from '../artwork/one-colour-mask.ts';
import type { PixelBox } from '../vector/potrace.ts';
import { dominantColour, type RgbaImage, usesTransparency } from './rgba.ts';

export interface InkMaskOptions {
  /** 0-1: the alpha a pixel needs to count as ink (default 0.5). */
  readonly threshold?: number;
  /** The master is a vector (its own transparency is authoritative). */
  readonly isVector?: boolean;
  /** The logo's background override and one-colour threshold. */
  readonly artwork?: ArtworkSettings;
}

export interface InkMask {
  /** 1 where the mark is. */
  readonly mask: Uint8Array;
  /** Bounding box of the mask, null when empty. */
  readonly box: PixelBox | null;
  /** 'alpha': a transparent (or paper-removed) mark; 'full-bleed': the whole canvas is art. */
  readonly mode: 'alpha' | 'full-bleed';
  readonly background: BackgroundDecision;
  /** Light details were cut out as paper (the one-colour rule). */
  readonly knockout: boolean;
  /** The mark's dominant ink colour (black when unknown). */
  readonly ink: Rgb;
}

/**
 * The mark as one ink, as every one-colour version draws it: the background decided (paper made
 * transparent, a full-bleed field kept as art), then the one-colour rule (artwork/knockout.ts):
 * light colours inside darker ink are paper. So a white glyph on a coin disc stays a hole, a dark
 * mark on white touching the edges is traced (never the white), and a flag traces its colours.
 */
export function inkMask(image: RgbaImage, options: InkMaskOptions = {}): InkMask {
  const threshold = Math.min(1, Math.max(0, options.threshold ?? 0.5));
  const decided = applyBackgroundDecision(image, options.isVector ?? false, options.artwork);
  const art = decided.image;
  const { mask, knockout, box } = oneColourMask(art, {
    threshold: options.artwork?.threshold ?? null,
    alphaCut: Math.max(1, Math.round(threshold * 255)),
  });
  return {
    mask,
    box,
    mode: usesTransparency(art) ? 'alpha' : 'full-bleed',
    background: decided.decision,
    knockout,
    ink: dominantColour(art, mask),
  };
}
