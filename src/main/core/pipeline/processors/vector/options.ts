import { z } from 'zod';

/** Potrace's options as recipe options (names and defaults as potrace(1)). */
export const potraceOptionShape = {
  /** Speckles up to this many pixels are dropped. */
  turdsize: z.number().int().min(0).max(10_000).default(2),
  /** Corner threshold: 0 gives polygons, 1.334 no corners; 0.8 (potrace: 1) keeps logo corners crisp. */
  alphamax: z.number().min(0).max(1.334).default(0.8),
  /** Merge Bézier segments while the error stays under opttolerance: fewer nodes. */
  opticurve: z.boolean().default(true),
  opttolerance: z.number().min(0).max(1).default(0.2),
  /** Longest side the logo is traced at: vectors are rendered at it, larger rasters scaled down. */
  size: z.number().int().min(16).max(4096).default(1024),
  /** CIE76 distance under which a colour is the flat background's. */
  tolerance: z.number().min(0.5).max(60).default(12),
  /** Re-render the trace and measure its fidelity (IoU, colour error) into the facts. */
  score: z.boolean().default(true),
};
