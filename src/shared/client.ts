/**
 * The typed client every UI uses, whatever carries the calls (Electron IPC or HTTP).
 * Replies are re-hydrated: an error envelope becomes a thrown MarqueError.
 */
import type { EventName, InputOf, MediaKind, MethodName, PayloadOf, ReplyOf } from './contract/index.ts';

/** The untyped carrier a transport provides; `window.marque` has exactly this shape. */
export interface MarqueBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export interface MarqueClient {
  call<M extends MethodName>(
    method: M,
    ...input: Partial<InputOf<M>> extends InputOf<M> ? [InputOf<M>?] : [InputOf<M>]
  ): Promise<ReplyOf<M>>;
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
}

export function createClient(bridge: MarqueBridge): MarqueClient {
  return {
    call: (method, ...input) => bridge.invoke(method, input[0] ?? {}) as Promise<never>,
    on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void),
  };
}

export function mediaPath(kind: MediaKind, id: string): string {
  return `/media/${kind}/${encodeURIComponent(id)}`;
}

/** A file a job produced: `/media/output/<jobId>/<path inside the output>`. */
export function outputPath(jobId: string, path: string): string {
  return `/media/output/${encodeURIComponent(jobId)}/${path.split('/').map(encodeURIComponent).join('/')}`;
}
