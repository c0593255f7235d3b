import type { EventName, PayloadOf } from '../../shared/contract/index.ts';

type Listener = (event: EventName, payload: unknown) => void;

/** The studio's event stream; every transport subscribes once and forwards to its clients. */
export class EventHub {
  readonly #listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    for (const listener of this.#listeners) {
      try {
        listener(event, payload);
      } catch {
        // A broken subscriber (a closed socket, a destroyed window) must not stop the others.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
