import type { MessagePort } from 'node:worker_threads';
import type { JobOutputFile } from '../../../shared/contract/jobs.ts';
import type { ErrorEnvelope } from '../../../shared/errors.ts';
import type { ProcessorInput } from './processor.ts';

/** What the worker needs to know about the master, besides its bytes (read by the worker itself). */
export type TaskInput = Omit<ProcessorInput, 'master'>;

/** One task for the pipeline worker. Plain data plus a port for progress messages. */
export interface PipelineTask {
  readonly jobId: string;
  readonly recipe: string;
  /** canonicalJson of the validated options. */
  readonly optionsJson: string;
  /** The master in the content-addressed store. */
  readonly masterPath: string;
  readonly input: TaskInput;
  /** A fresh folder the worker writes into; renamed to `outputDir` once complete. */
  readonly tempDir: string;
  /** The output's final folder in the derived cache. */
  readonly outputDir: string;
  readonly port: MessagePort;
}

/** The worker's answer; errors are returned, not thrown, so their code survives the thread hop. */
export type PipelineReply =
  | {
      readonly ok: true;
      readonly files: readonly JobOutputFile[];
      readonly facts: Readonly<Record<string, unknown>> | null;
    }
  | { readonly ok: false; readonly error: ErrorEnvelope };

/** Messages the worker sends on the task's port. */
export type WorkerMessage =
  | { readonly kind: 'started'; readonly threadId: number }
  | { readonly kind: 'progress'; readonly percent: number };

/** What `result.json` in an output folder holds. */
export interface OutputManifest {
  readonly format: 1;
  readonly files: readonly JobOutputFile[];
  readonly facts: Readonly<Record<string, unknown>> | null;
}
