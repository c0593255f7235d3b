import type { MarqueBridge } from '../../../shared/client.ts';
import type { FileRef } from '../../../shared/contract/desktop.ts';
import { fromErrorEnvelope } from '../../../shared/errors.ts';

/** What the preload exposes as `window.marque` (contextBridge), nothing more. */
export interface PreloadApi {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  pathForFile(file: File): string;
  /** The OS folder picker; null when cancelled. */
  chooseFolder?(): Promise<string | null>;
  /** Reveals a file or folder in Finder/Explorer. */
  showInFolder?(path: string): Promise<boolean>;
  /** The OS open dialog for logos; [] when cancelled. */
  chooseImportFiles?(): Promise<string[]>;
  /** Starts an OS drag of these files (webContents.startDrag), from a dragstart. */
  startDrag?(items: readonly FileRef[]): void;
}

declare global {
  interface Window {
    marque?: PreloadApi;
  }
}

type DispatchReply = { ok: true; value: unknown } | { ok: false; error: unknown };

function isDispatchReply(value: unknown): value is DispatchReply {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** Parses the JSON envelope an IPC rejection carries in its message. */
function rehydrateRejection(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  // Electron prefixes rejections with "Error invoking remote method '…': "; the envelope follows.
  const start = message.indexOf('{');
  if (start >= 0) {
    try {
      return fromErrorEnvelope(JSON.parse(message.slice(start)));
    } catch {
      // Not an envelope: fall through to a plain error.
    }
  }
  return fromErrorEnvelope({ code: 'INTERNAL', message });
}

/** The Electron transport: unwraps `{ ok, value | error }` results into values or MarqueErrors. */
export function electronBridge(api: PreloadApi): MarqueBridge {
  return {
    async invoke(method, input) {
      let reply: unknown;
      try {
        reply = await api.invoke(method, input);
      } catch (error) {
        throw rehydrateRejection(error);
      }
      if (!isDispatchReply(reply)) return reply;
      if (reply.ok) return reply.value;
      throw fromErrorEnvelope(reply.error);
    },
    on: (event, listener) => api.on(event, listener),
  };
}
