import type { Handlers } from '../../../shared/contract/index.ts';
import type { InkPreview, LogoInkEdits } from '../../../shared/print.ts';
import type { PipelineService } from '../pipeline/pipeline-service.ts';
import type { PrintService } from './print-service.ts';

const INK_KEYS = ['palette', 'mergeDeltaE', 'maxInks', 'mergeInks', 'inkNames', 'keepInks', 'gradients'] as const;

type PrintHandlers = Pick<Handlers, Extract<keyof Handlers, `print.${string}`>>;

function decode(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** A logo's remembered ink edits, read and replaced (see logo-inks.ts). */
export interface LogoInksStore {
  read(logoId: string): LogoInkEdits;
  write(logoId: string, edits: LogoInkEdits): LogoInkEdits;
}

/** The print colour contract methods: press profile, intent, limits, swatch books, a logo's inks. */
export function printHandlers(print: PrintService, pipeline: PipelineService, inks: LogoInksStore): PrintHandlers {
  return {
    'print.status': async () => print.status(),
    'print.configure': async (change) => print.configure(change),
    'print.addProfile': async ({ fileName, base64 }) => print.addProfile(fileName, decode(base64)),
    'print.removeProfile': async ({ id }) => print.removeProfile(id),
    'print.addSwatchBook': async ({ fileName, base64 }) => print.addSwatchBook(fileName, decode(base64)),
    'print.removeSwatchBook': async ({ id }) => print.removeSwatchBook(id),
    'print.logoInks': async ({ logoId }) => inks.read(logoId),
    'print.setLogoInks': async ({ logoId, edits }) => inks.write(logoId, edits),
    'print.previewInks': async ({ logoId, options }) => {
      // The recipe's ink choices only: the plan is the same whatever the page size or variants.
      const inkOptions = Object.fromEntries(INK_KEYS.filter((key) => key in options).map((key) => [key, options[key]]));
      const job = await pipeline.runToCompletion(logoId, 'ink-plan', inkOptions, 'interactive');
      return (job.facts as { preview: InkPreview }).preview;
    },
  };
}
