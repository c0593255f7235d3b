/**
 * Entry of the isolated intake process (utilityProcess in Electron, child_process.fork in Node).
 * It decodes untrusted files; the parent's watchdog kills it if a file hangs the decoder.
 */
import { basename } from 'node:path';
import { toErrorEnvelope } from '../../../shared/errors.ts';
import { inspectFile } from './inspect.ts';
import type { IntakeReply, IntakeRequest } from './protocol.ts';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function reply(message: IntakeReply): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

async function handle(request: IntakeRequest): Promise<void> {
  try {
    const result = await inspectFile(request.path, request.tmpDir, request.limits, request.keepSource);
    reply({ id: request.id, ok: true, result });
  } catch (error) {
    const errno = (error as { code?: unknown } | null)?.code;
    if (errno === 'ENOSPC' || errno === 'EDQUOT') {
      // Writing the master or its previews to the store's tmp failed: the file is fine, the disk is not.
      const message = `${basename(request.path)}: the disk holding the library is full; free some space and import it again`;
      reply({ id: request.id, ok: false, code: 'IO_ERROR', message });
      return;
    }
    const { code, message } = toErrorEnvelope(error);
    reply({ id: request.id, ok: false, code: code === 'INTERNAL' ? 'DECODE_FAILED' : code, message });
  }
}

if (parentPort) parentPort.on('message', (event) => void handle(event.data as IntakeRequest));
else process.on('message', (message) => void handle(message as IntakeRequest));
// Modules are loaded: from now on the parent's per-file watchdog counts decode time only.
if (parentPort) parentPort.postMessage({ ready: true });
else process.send?.({ ready: true });
// Without a parent there is nothing to serve: exit when the IPC channel closes.
process.on('disconnect', () => process.exit(0));
