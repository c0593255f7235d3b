import { z } from 'zod';
import { DEFAULT_ARTWORK_SETTINGS } from '../../../../shared/artwork.ts';
import type { Processor } from '../processor.ts';
import { enlargedWarning } from './artwork/enlarged.ts';
import { masterArtwork } from './artwork/master-artwork.ts';
import { scoreFullColour } from './artwork/score.ts';
import { fidelityWarning, renderSvg, type ScoredFidelity } from './vector/fidelity.ts';
import { potraceOptionShape } from './vector/options.ts';
import { traceColorToSvg } from './vector/trace-svg.ts';

const options = z
  .object({
    ...potraceOptionShape,
    /** A palette to quantize to ('#rrggbb'); else the logo's locked palette, else its own colours. */
    palette: z
      .array(z.string().regex(/^#[0-9a-fA-F]{6}$/))
      .min(1)
      .max(64)
      .optional(),
    minShare: z.number().min(0).max(0.5).default(0.001),
    mergeDistance: z.number().min(0).max(50).default(3),
    maxColors: z.number().int().min(1).max(64).default(16),
    /**
     * 'auto': the logo's background decision (see artwork/background-decision.ts). 'keep' / 'remove'
     * force either for this trace.
     */
    background: z.enum(['auto', 'keep', 'remove']).default('auto'),
  })
  .strict();

export type TraceColorOptions = z.output<typeof options>;

/**
 * Full-colour trace: quantized to the palette, one potrace layer per colour, stacked without seams
 * (see traceColorToSvg). Facts carry the palette and the fidelity score the UI shows.
 */
export const traceColor: Processor<TraceColorOptions> = {
  id: 'trace-color',
  version: 3,
  title: 'Trace (full colour SVG)',
  options,
  usesPalette: true,
  async run(input, opts, context) {
    context.progress(5);
    const settings = input.artwork ?? DEFAULT_ARTWORK_SETTINGS;
    const { image, decision, enlarged } = await masterArtwork(
      opts.background === 'auto' ? input : { ...input, artwork: { ...settings, background: opts.background } },
      opts.size,
      undefined,
      { upsample: true },
    );
    context.signal.throwIfAborted();
    context.progress(20);
    const lockedPalette = input.palette?.locked ? input.palette.colors.map((colour) => colour.hex) : undefined;
    const palette = opts.palette ?? lockedPalette;
    const result = await traceColorToSvg(
      image,
      {
        ...opts,
        // The background is decided already: its paper is transparent in `image`.
        background: 'keep',
        ...(palette ? { palette } : {}),
      },
      { signal: context.signal, progress: (done) => context.progress(20 + Math.round(done * 60)) },
    );
    context.signal.throwIfAborted();
    const bytes = new TextEncoder().encode(result.svg);
    let fidelity: ScoredFidelity | null = null;
    const warnings: string[] = enlargedWarning(input, enlarged);
    if (opts.score) {
      // Scored on the master's own pixels (paper decided), not on what the trace chose to cover.
      fidelity = scoreFullColour(image, await renderSvg(result.svg, image.width, image.height));
      const warning = fidelityWarning('The colour trace', fidelity);
      if (warning) warnings.push(warning);
    }
    context.progress(100);
    return {
      files: [{ path: 'trace-color.svg', bytes, mime: 'image/svg+xml' }],
      facts: {
        palette: result.palette,
        paletteSource: opts.palette ? 'options' : lockedPalette ? 'locked' : 'extracted',
        paths: result.pathCount,
        bytes: bytes.length,
        width: image.width,
        height: image.height,
        background: decision,
        fidelity,
        warnings,
      },
    };
  },
};
