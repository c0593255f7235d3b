import type { LogoFormat } from '../../../shared/domain.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import type { PaletteColor } from '../../../shared/palette.ts';

/** Limits applied to every imported file (docs/security.md policy defaults). */
export interface IntakeLimits {
  readonly maxBytes: number;
  readonly maxPixels: number;
  /** Longest side an SVG is rendered at for its raster preview. */
  readonly maxRenderSide: number;
  readonly thumbSize: number;
  /** Longest side of the WebP preview (the 1024 px view of the logo). */
  readonly previewSize: number;
}

export const DEFAULT_INTAKE_LIMITS: IntakeLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxPixels: 50_000_000,
  maxRenderSide: 4096,
  thumbSize: 256,
  previewSize: 1024,
};

export interface IntakeRequest {
  readonly id: number;
  readonly path: string;
  /** Folder (on the store's volume) the intake writes the master and thumbnail into. */
  readonly tmpDir: string;
  readonly limits: IntakeLimits;
  /** Also keep the file's bytes untouched (when the master differs, i.e. a sanitized SVG). */
  readonly keepSource: boolean;
}

export interface IntakeResult {
  readonly format: LogoFormat;
  readonly isVector: boolean;
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
  readonly sourceBytes: number;
  /** The sanitized master, written and flushed to a temp file, with its sha256. */
  readonly master: { readonly tempFile: string; readonly hash: string; readonly byteSize: number };
  /** A WebP thumbnail (longest side = limits.thumbSize) in a temp file. */
  readonly thumbTempFile: string;
  /** A WebP preview (longest side = limits.previewSize, never enlarged from a raster) in a temp file. */
  readonly previewTempFile: string;
  /**
   * The logo's colours measured on the preview pixels at import, so colour search and "similar
   * colours" work on a fresh library without running the palette recipe first.
   */
  readonly palette: readonly PaletteColor[];
  /** The master's perceptual hash as seen on white (perceptual-hash.ts), for the duplicate finder. */
  readonly dhash: string;
  /** What the SVG sanitizer removed (scripts, event handlers, external references), for the report. */
  readonly removed: readonly string[];
  /** Notes for the import report, one per thing worth saying (a PDF converted, its scripts removed). */
  readonly notes: readonly string[];
  /** The untouched file, when asked for and different from the master; null otherwise. */
  readonly source: { readonly tempFile: string; readonly hash: string; readonly byteSize: number } | null;
}

export type IntakeReply =
  | { readonly id: number; readonly ok: true; readonly result: IntakeResult }
  | { readonly id: number; readonly ok: false; readonly code: ErrorCode; readonly message: string };
