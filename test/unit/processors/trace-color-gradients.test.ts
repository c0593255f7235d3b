/**
 * Gradients in the colour trace (issue 12: ΔE76 <= 2 on the logo's pixels, below vtracer). The
 * flat palette counts exact interior colours, and a gradient spreads its pixels over hundreds of
 * colours each too rare to count, so its ramps were traced as two or three bands: devicon
 * jeet-original 3.2 (vtracer 9.2), inkscape-original-wordmark 4.1 (vtracer 12.6). Ramp colours
 * (addRampColours) bring them to about 0.5 and 1.8. Scored as the artwork bench does: against
 * librsvg's render of the master, on its opaque pixels; the on-white form is judged on white.
 */
import { describe, expect, it } from 'vitest';
import { traceError } from './colour-trace-error.ts';

describe('colour trace of gradients', () => {
  it('jeet-original: its ramps keep their colours, as SVG and on white (was 3.2, vtracer 9.2)', async () => {
    expect(await traceError('jeet', 'original', 'svg')).toBeLessThan(1);
    expect(await traceError('jeet', 'original', 'white')).toBeLessThan(1);
  }, 120_000);

  it('inkscape-original-wordmark: under the bound of 2 (was 4.1, vtracer 12.6)', async () => {
    expect(await traceError('inkscape', 'original-wordmark', 'svg')).toBeLessThan(2);
  }, 120_000);
});
