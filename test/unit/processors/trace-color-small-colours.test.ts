/**
 * A flag's coat of arms is dozens of small colours: each that covers 0.02 % of the logo keeps its
 * own layer. At the former 0.1 % (16 colours at most) Mexico's eagle was traced in 4 colours,
 * mean ΔE76 1.06 against the master where vtracer scores 0.61 (issue 12: ours must be lower).
 */
import { describe, expect, it } from 'vitest';
import { traceColor } from '../../../src/main/core/pipeline/processors/trace-color.ts';
import { flagSvg } from './artwork-corpus.ts';
import { context, svgInput } from './helpers.ts';

describe('colour trace of small colours', () => {
  it('Mexico: the eagle keeps its colours (ΔE76 under vtracer 0.61)', async () => {
    const result = await traceColor.run(
      await svgInput(flagSvg('mx'), 'mx'),
      traceColor.options.parse({ size: 1024 }),
      context(),
    );
    const facts = result.facts as { palette: unknown[]; fidelity: { meanColorError: number } };
    expect(facts.palette.length).toBeGreaterThan(8);
    expect(facts.fidelity.meanColorError).toBeLessThan(0.61);
  }, 120_000);
});
