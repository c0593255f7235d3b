import { z } from 'zod';
import type { PackReport } from '../favicon.ts';
import { method } from './define.ts';
import type { Job } from './jobs.ts';
import { logoId } from './library.ts';

/** A favicon pack made for the studio's previews, with what the pack checker says about it. */
export interface FaviconPreview {
  /** The finished favicon job: its files are served as `/media/output/<job id>/<file>`. */
  readonly job: Job;
  readonly report: PackReport;
}

export const faviconMethods = {
  'favicon.preview': method<FaviconPreview>()({
    summary: 'Makes the favicon pack of a logo with these options (cached like any job) and checks it.',
    // Write: it runs a job in the worker pool (like print.previewInks).
    access: 'write',
    input: z
      .object({
        logoId,
        /** The favicon recipe's options; the recipe's own schema validates them. */
        options: z.record(z.string(), z.unknown()).default({}),
      })
      .strict(),
  }),
} as const;
