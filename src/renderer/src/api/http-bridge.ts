import type { MarqueBridge } from '../../../shared/client.ts';
import { fromErrorEnvelope, MarqueError } from '../../../shared/errors.ts';

/** Reads an error reply `{ error: { code, message } }`, or describes the status when the body is not one. */
async function errorFrom(response: Response, what: string): Promise<MarqueError> {
  try {
    const body = (await response.json()) as { error?: unknown };
    if (body && typeof body === 'object' && body.error) return fromErrorEnvelope(body.error);
  } catch {
    // Not JSON: described below.
  }
  const code = response.status === 401 ? 'UNAUTHORIZED' : response.status === 403 ? 'FORBIDDEN' : 'INTERNAL';
  return new MarqueError(code, `${what}: the server answered ${response.status} ${response.statusText}`.trim());
}

/**
 * POSTs to `/api/<path>`; the HttpOnly cookie set on the first `?token=` visit authenticates it.
 * `contentType` must be `application/json` (an upload: `application/octet-stream`): the server
 * refuses any body type a form or a `no-cors` fetch from another page could send.
 */
export async function postApi(path: string, body: BodyInit, contentType: string, what: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/api/${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': contentType },
      body,
    });
  } catch {
    throw new MarqueError('IO_ERROR', `${what}: Marque's server cannot be reached`);
  }
  if (!response.ok) throw await errorFrom(response, what);
  return response.json();
}

/**
 * The HTTP transport of browser mode and the teammate share. One EventSource carries every event;
 * it is opened on the first subscription and reconnects by itself.
 */
export function httpBridge(): MarqueBridge {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const attached = new Set<string>();

  const attach = (event: string) => {
    if (!source || attached.has(event)) return;
    attached.add(event);
    source.addEventListener(event, (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse((message as MessageEvent<string>).data);
      } catch (error) {
        // Not a JSON payload: a proxy or a mismatched server. Dropped, but said.
        console.warn(`Marque: the "${event}" event was not JSON`, error);
        return;
      }
      for (const listener of listeners.get(event) ?? []) listener(payload);
    });
  };

  return {
    invoke: (method, input) =>
      postApi(encodeURIComponent(method), JSON.stringify(input ?? {}), 'application/json', method),
    on(event, listener) {
      if (!source) source = new EventSource('/api/events', { withCredentials: true });
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      attach(event);
      return () => set.delete(listener);
    },
  };
}
