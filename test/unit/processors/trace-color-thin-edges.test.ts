/**
 * Thin lettering in the colour trace (issue 12, on-white form): a wordmark is mostly anti-aliased
 * edge, and a binary bitmap at the working size leaves potrace half a pixel of play at every edge,
 * which on white is most of the colour error (devicon express wordmark ΔE76 2.12, electron 2.71;
 * vtracer 3.95 and 4.14). Thin logos are traced at twice the size (see edgeShare).
 */
import { describe, expect, it } from 'vitest';
import { traceError } from './colour-trace-error.ts';

describe('colour trace of thin lettering', () => {
  it('express-original-wordmark on white: edges within a quarter pixel (was 2.12)', async () => {
    expect(await traceError('express', 'original-wordmark', 'white')).toBeLessThan(1.2);
  }, 120_000);

  it('electron-original-wordmark on white: under the bound of 2 (was 2.71)', async () => {
    expect(await traceError('electron', 'original-wordmark', 'white')).toBeLessThan(1.8);
  }, 120_000);
});
