/**
 * How much of a heavy suite to run. The `unit` project (part of `npm test`) runs a small,
 * deterministic sample of each whole-corpus, fuzzing and crash-loop suite; the `slow` project
 * (`npm run test:slow`) runs the same files at full size. vitest.config.ts provides the value.
 *
 *   const LOGOS = scaled(4, 20);   // 4 in the fast loop, 20 in the slow project
 */
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** True in the `slow` project: run every logo, every fuzz case, every kill. */
    fullScale: boolean;
  }
}

/** True when the suite runs at full size (the `slow` project). */
export const FULL_SCALE: boolean = inject('fullScale') === true;

/** `sample` in the fast unit project, `full` in the slow project. */
export function scaled<T>(sample: T, full: T): T {
  return FULL_SCALE ? full : sample;
}

/**
 * The whole list in the slow project; in the fast loop `count` items spread evenly over it, so
 * the sample is always a subset of what the slow project checks.
 */
export function sampleOf<T>(items: readonly T[], count: number): T[] {
  if (FULL_SCALE || items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, k) => items[Math.floor(k * step)] as T);
}
