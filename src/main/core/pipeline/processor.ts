import type { z } from 'zod';
import type { ArtworkSettings } from '../../../shared/artwork.ts';
import type { LogoFormat } from '../../../shared/domain.ts';
import type { Palette } from '../../../shared/palette.ts';
import type { PrintSetup } from '../../../shared/print.ts';

/**
 * A processor is a pure function of (master, options): deterministic output, versioned, runnable
 * in a worker thread and in tests without Electron. Bumping `version` invalidates only its outputs
 * in the derived cache (the cache key includes it).
 */
export interface ProcessorInput {
  /** The sanitized master bytes (SVG text as UTF-8 for vector logos). */
  readonly master: Uint8Array;
  readonly format: LogoFormat;
  readonly isVector: boolean;
  readonly width: number;
  readonly height: number;
  /** The logo's display name, for labels and file names inside outputs. */
  readonly name: string;
  /**
   * The logo's palette as stored in the library (locked or extracted), or null when it has none.
   * Given only to processors that set `usesPalette`; the palette then joins the cache key.
   */
  readonly palette?: Palette | null;
  /**
   * The press: ICC profile, intent, coverage limit, rich black, swatch books (Settings). Given only
   * to processors that set `usesPrint`; it then joins the cache key.
   */
  readonly print?: PrintSetup;
  /**
   * The designer's reading of the artwork (background override, one-colour threshold); absent means
   * the defaults. Every recipe reads it, so it joins every cache key when it is not the default.
   */
  readonly artwork?: ArtworkSettings;
}

export interface OutputFile {
  /** Path inside the recipe's output, '/'-separated, no '..' (e.g. 'favicon.ico', 'png/icon-192.png'). */
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly mime: string;
}

export interface ProcessorResult {
  readonly files: readonly OutputFile[];
  /** Small JSON facts about the result (palette, fidelity score, plate list) stored with the job. */
  readonly facts?: Readonly<Record<string, unknown>>;
}

export interface ProcessorContext {
  readonly signal: AbortSignal;
  /** Reports progress 0-100; cheap to call often. */
  progress(percent: number): void;
}

/**
 * What the main process needs of a recipe: its name, version, options schema and the media facts
 * its cache key depends on. Kept in modules that import only zod, so main never loads the drawing
 * code (sharp, fontkit, canvas, pdfkit); the worker pairs each with its `run`.
 */
export interface ProcessorDescriptor<Options> {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly options: z.ZodType<Options>;
  /**
   * Set when outputs contain the logo's name (labels, file names): the name then joins the cache
   * key, so renaming a logo does not serve outputs that carry the old name.
   */
  readonly usesName?: boolean;
  /** Set when the processor reads `input.palette` (trace-color, separations, favicon colours). */
  readonly usesPalette?: boolean;
  /** Set when the processor writes press colour (CMYK, spot inks): it reads `input.print`. */
  readonly usesPrint?: boolean;
  /**
   * Set when the processor reads the spot-ink options (inkNames, mergeInks, keepInks): the logo's
   * remembered ink edits then fill them in as defaults, and so join the cache key.
   */
  readonly usesInks?: boolean;
}

/** A descriptor with its implementation; only the worker (and tests) load these. */
export interface Processor<Options> extends ProcessorDescriptor<Options> {
  run(input: ProcessorInput, options: Options, context: ProcessorContext): Promise<ProcessorResult>;
}

/** A descriptor of any options type, as main's registry holds them. */
export type AnyProcessorDescriptor = ProcessorDescriptor<unknown>;

/** A processor of any options type, as the worker's registry holds them. */
export type AnyProcessor = Processor<unknown>;
