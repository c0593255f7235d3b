import type { ExportFailure } from '../../../shared/contract/exports.ts';
import type { Logo } from '../../../shared/domain.ts';
import { MarqueError, toErrorEnvelope } from '../../../shared/errors.ts';
import type { ProducedBatch, ProducedFile } from './plan.ts';

/** Produces (or finds in the derived cache) what one recipe makes for one logo. The pipeline implements it. */
export interface RecipeRunner {
  produce(
    logo: Logo,
    recipe: string,
    options: Readonly<Record<string, unknown>>,
    signal?: AbortSignal,
    /** The export's id: its jobs show in the queue as one batch. */
    batchId?: string,
  ): Promise<readonly ProducedFile[]>;
}

export interface ProduceOptions {
  /** logo x recipe pairs in flight at once; the pool queues the rest anyway. */
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Groups the jobs this export queues into one batch. */
  readonly batchId?: string;
  progress(done: number, total: number, current: string): void;
}

/**
 * Runs every logo x recipe through the runner, in request order. A pair that fails is named
 * (logo, recipe, reason) and the others go on, so one broken logo never sinks a delivery.
 */
export async function produceAll(
  runner: RecipeRunner,
  logos: readonly Logo[],
  recipes: readonly { readonly recipe: string; readonly options: Readonly<Record<string, unknown>> }[],
  options: ProduceOptions,
): Promise<{ batches: ProducedBatch[]; failures: ExportFailure[] }> {
  const pairs = logos.flatMap((logo) => recipes.map((r) => ({ logo, recipe: r.recipe, options: r.options })));
  const slots: (ProducedBatch | ExportFailure)[] = new Array(pairs.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < pairs.length) {
      const index = next++;
      const { logo, recipe, options: recipeOptions } = pairs[index] as (typeof pairs)[number];
      try {
        if (options.signal?.aborted) throw new MarqueError('CANCELLED', 'the export was cancelled');
        const files = await runner.produce(logo, recipe, recipeOptions, options.signal, options.batchId);
        slots[index] = { logoId: logo.id, logoName: logo.name, recipe, options: recipeOptions, files };
      } catch (error) {
        const { code, message } = toErrorEnvelope(error);
        const failure: ExportFailure = {
          logoId: logo.id,
          logoName: logo.name,
          recipe,
          file: null,
          code,
          // The logo is named once: a recipe's own message may already start with its name.
          message: `${logo.name} (${recipe}): ${message.startsWith(`${logo.name}: `) ? message.slice(logo.name.length + 2) : message}`,
        };
        slots[index] = failure;
      }
      options.progress(++done, pairs.length, `${logo.name} · ${recipe}`);
    }
  };
  const lanes = Math.min(Math.max(1, options.concurrency), pairs.length);
  await Promise.all(Array.from({ length: lanes }, lane));
  return {
    batches: slots.filter((s): s is ProducedBatch => 'files' in s),
    failures: slots.filter((s): s is ExportFailure => !('files' in s)),
  };
}
