/**
 * The pipeline worker thread (piscina entry). It reads the master from the store, runs one
 * processor from the registry and writes its output folder atomically into the derived cache.
 * It never touches the database: the main process records what it returns.
 * Cancel and timeout terminate this thread (piscina's `signal`), so nothing here polls for them.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { threadId, workerData } from 'node:worker_threads';
import { MarqueError, toErrorEnvelope } from '../../../shared/errors.ts';
import { factWarnings } from './facts.ts';
import { writeOutputFolder } from './output-folder.ts';
import { conversionWarnings } from './processors/artwork/conversion-note.ts';
import type { PipelineReply, PipelineTask, WorkerMessage } from './protocol.ts';
import { loadProcessors, type ProcessorRegistry } from './worker-registry.ts';

interface PipelineWorkerData {
  readonly processorModules?: readonly string[];
}

let registry: Promise<ProcessorRegistry> | null = null;

function getRegistry(): Promise<ProcessorRegistry> {
  registry ??= loadProcessors((workerData as PipelineWorkerData | undefined)?.processorModules ?? []);
  return registry;
}

export default async function runPipelineTask(task: PipelineTask): Promise<PipelineReply> {
  const post = (message: WorkerMessage) => task.port.postMessage(message);
  post({ kind: 'started', threadId });
  try {
    const processor = (await getRegistry()).get(task.recipe);
    if (!processor) throw new MarqueError('NOT_FOUND', `No recipe named ${task.recipe}`);
    const parsed = processor.options.safeParse(JSON.parse(task.optionsJson));
    if (!parsed.success)
      throw new MarqueError('INVALID_INPUT', `${task.recipe}: ${parsed.error.issues[0]?.message ?? 'invalid options'}`);
    let master: Uint8Array;
    try {
      // Sync on purpose: blocking costs this thread nothing, while an async read waits in libuv's
      // four-thread pool behind sharp's own work (measured: 2-5 ms per job, against 0.2 ms).
      master = readFileSync(task.masterPath);
    } catch (error) {
      throw new MarqueError(
        'IO_ERROR',
        `The master of "${task.input.name}" is missing from the store (${(error as Error).message})`,
      );
    }
    let reported = -1;
    const result = await processor.run({ ...task.input, master }, parsed.data, {
      // Never aborted from inside: a cancel terminates the thread. Present so processors can pass it on.
      signal: new AbortController().signal,
      progress(percent) {
        const value = Math.max(0, Math.min(99, Math.floor(percent)));
        if (value <= reported) return;
        reported = value;
        post({ kind: 'progress', percent: value });
      },
    });
    // A master converted from a PDF that lost something on the way says so on every output.
    const losses = conversionWarnings(master);
    const noted =
      losses.length === 0
        ? result
        : { ...result, facts: { ...result.facts, warnings: [...losses, ...factWarnings(result.facts)] } };
    const manifest = await writeOutputFolder(task.tempDir, task.outputDir, noted);
    return { ok: true, files: manifest.files, facts: manifest.facts };
  } catch (error) {
    await rm(task.tempDir, { recursive: true, force: true }).catch(() => {});
    const envelope = toErrorEnvelope(error);
    // Anything a processor throws without a code is a processing failure, not an internal one.
    return {
      ok: false,
      error:
        error instanceof MarqueError
          ? envelope
          : { code: 'PROCESSING_FAILED', message: `${task.recipe}: ${envelope.message}` },
    };
  } finally {
    task.port.close();
  }
}
