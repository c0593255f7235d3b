import { MarqueError } from '../../../../shared/errors.ts';
import type { InkPreview } from '../../../../shared/print.ts';
import type { Processor } from '../processor.ts';
import { type InkPlanOptions, inkPlanDescriptor } from './ink-plan-descriptor.ts';

/**
 * The inks a spot PDF or separation of a logo will get, before it runs: the same measurement and
 * rules (pdf and separations call the same planInks), as facts only. The Export screen shows it.
 */
export const inkPlan: Processor<InkPlanOptions> = {
  ...inkPlanDescriptor,
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
