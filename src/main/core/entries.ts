import { fileURLToPath } from 'node:url';

/**
 * Files the core starts as separate processes or threads. In the checkout they are the
 * TypeScript sources (Node 24 strips types); the Electron bundle passes its built files instead.
 */
export interface CoreEntries {
  readonly intakeProcess: string;
  readonly pipelineWorker: string;
}

export function sourceEntries(): CoreEntries {
  return {
    intakeProcess: fileURLToPath(new URL('./intake/intake-process.ts', import.meta.url)),
    pipelineWorker: fileURLToPath(new URL('./pipeline/pipeline-worker.ts', import.meta.url)),
  };
}
