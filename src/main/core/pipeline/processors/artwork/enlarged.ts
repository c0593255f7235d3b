import type { ProcessorInput } from '../../processor.ts';

/** The warning a trace of an enlarged small raster carries, in a designer's words. */
export function enlargedWarning(input: ProcessorInput, factor: number): string[] {
  if (factor <= 1) return [];
  return [
    `The master is only ${input.width} × ${input.height} px: it was enlarged ${factor}× before tracing, so its curves are estimated. A larger master (or the vector original) traces better.`,
  ];
}
