import type { Handlers } from '../../../shared/contract/index.ts';
import type { PipelineService } from './pipeline-service.ts';

type JobsHandlers = Pick<
  Handlers,
  | 'jobs.enqueue'
  | 'jobs.list'
  | 'jobs.get'
  | 'jobs.cancel'
  | 'jobs.retry'
  | 'jobs.retryFailed'
  | 'jobs.clearFinished'
  | 'jobs.outputs'
  | 'jobs.poolSettings'
  | 'jobs.setWorkers'
>;

/** The 'jobs.*' methods, over the pipeline service. */
export function jobsHandlers(pipeline: PipelineService): JobsHandlers {
  return {
    'jobs.enqueue': async (input) => pipeline.enqueue(input),
    'jobs.list': async (input) => pipeline.list(input),
    'jobs.get': async ({ id }) => pipeline.get(id),
    'jobs.cancel': async ({ id }) => pipeline.cancel(id),
    'jobs.retry': async ({ id }) => pipeline.retry(id),
    'jobs.retryFailed': async ({ batchId }) => pipeline.retryFailed(batchId),
    'jobs.clearFinished': async ({ logoId }) => pipeline.clearFinished(logoId),
    'jobs.outputs': async ({ logoId }) => pipeline.outputs(logoId),
    'jobs.poolSettings': async () => pipeline.poolSettings(),
    'jobs.setWorkers': async ({ workers }) => {
      pipeline.setPoolSize(workers);
      return pipeline.poolSettings();
    },
  };
}
