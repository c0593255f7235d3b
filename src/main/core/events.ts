import type { EventName, PayloadOf } from '../../shared/contract/index.ts';
import { type Log, silentLog } from './log/logger.ts';

type Listener = (event: EventName, payload: unknown) => void;

/** The studio's event stream; every transport subscribes once and forwards to its clients. */
export class EventHub {
  readonly #listeners = new Set<Listener>();
  readonly #log: Log;

  constructor(log: Log = silentLog()) {
    this.#log = log;
  }

  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    for (const listener of this.#listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        // A broken subscriber (a closed socket, a destroyed window) must not stop the others.
        this.#log.warn({ err: error, event }, 'an event subscriber failed');
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
