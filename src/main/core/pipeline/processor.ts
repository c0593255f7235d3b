import type { z } from 'zod';
import type { LogoFormat } from '../../../shared/domain.ts';

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

export interface Processor<Options> {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly options: z.ZodType<Options>;
  run(input: ProcessorInput, options: Options, context: ProcessorContext): Promise<ProcessorResult>;
}
