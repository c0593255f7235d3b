import { z } from 'zod';
import { MarqueError } from '../../../../shared/errors.ts';
import type { InkPreview } from '../../../../shared/print.ts';
import type { Processor } from '../processor.ts';

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/);

/** The spot-ink choices of a pdf or separations job, as their options spell them. */
const inkPlanOptions = z
  .object({
    palette: z
      .array(z.object({ hex, name: z.string().max(60).optional() }).strict())
      .max(32)
      .optional(),
    mergeDeltaE: z.number().min(0).max(50).default(3),
    maxInks: z.number().int().min(1).max(32).default(12),
    mergeInks: z
      .array(z.object({ from: hex, into: hex }).strict())
      .max(64)
      .optional(),
    inkNames: z.record(hex, z.string().min(1).max(60)).optional(),
    gradients: z.enum(['process', 'spot-tints']).default('process'),
  })
  .strict();

export type InkPlanOptions = z.output<typeof inkPlanOptions>;

/**
 * The inks a spot PDF or separation of a logo will get, before it runs: the same measurement and
 * rules (pdf and separations call the same planInks), as facts only. The Export screen shows it.
 */
export const inkPlan: Processor<InkPlanOptions> = {
  id: 'ink-plan',
  version: 1,
  title: 'Ink plan',
  options: inkPlanOptions,
  usesPalette: true,
  usesPrint: true,
  async run(input, opts, context) {
    if (input.format === 'pdf')
      throw new MarqueError('UNSUPPORTED_FORMAT', `${input.name}: inks are planned from the SVG or bitmap master`);
    const [{ loadArt }, { planInks }, { openPress }, { loadNamedInks }, { DEFAULT_PRINT_SETUP }] = await Promise.all([
      import('./svg/load-art.ts'),
      import('./svg/inks.ts'),
      import('../../colour/press.ts'),
      import('../../colour/print-service.ts'),
      import('../../../../shared/print.ts'),
    ]);
    const { art } = await loadArt(
      input,
      opts.palette?.map((entry) => entry.hex),
    );
    context.progress(40);
    const setup = input.print ?? DEFAULT_PRINT_SETUP;
    const plan = await planInks(
      art,
      opts.palette,
      input.palette,
      await openPress(setup),
      await loadNamedInks(setup),
      opts,
    );
    context.progress(100);
    const preview: InkPreview = {
      inks: plan.inks.map((ink) => ({
        name: ink.name,
        hex: ink.hex,
        cmyk: ink.cmyk,
        coverage: ink.coverage,
        ...(ink.match ? { match: ink.match } : {}),
      })),
      merges: plan.merges,
      paper: plan.paper,
      gradientCoverage: plan.gradientCoverage,
      profile: setup.profile.name,
    };
    return {
      files: [
        {
          path: 'inks.json',
          bytes: new TextEncoder().encode(`${JSON.stringify(preview, null, 2)}\n`),
          mime: 'application/json',
        },
      ],
      facts: { preview },
    };
  },
};
