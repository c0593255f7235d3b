import { randomUUID } from 'node:crypto';
import type { OpenedFiles } from '../../../shared/contract/desktop.ts';
import type { EventHub } from '../events.ts';
import type { LibraryService } from '../library/library-service.ts';
import type { Log } from '../log/logger.ts';

const KEEP = 20;

/**
 * Files opened with Marque (Finder's "Open With", a double-click, a second launch):
 * imported through the library's one import path, and the report sent to every window. A report
 * stays pending until a window acknowledges it, since files opened at launch arrive before any
 * window listens.
 */
export class OpenedFilesService {
  readonly #library: LibraryService;
  readonly #events: EventHub;
  readonly #log: Log;
  readonly #pending: OpenedFiles[] = [];

  constructor(library: LibraryService, events: EventHub, log: Log) {
    this.#library = library;
    this.#events = events;
    this.#log = log;
  }

  async open(paths: readonly string[]): Promise<OpenedFiles> {
    this.#log.info({ files: paths.length }, 'files opened with Marque');
    const report = await this.#library.importPaths(paths);
    const opened: OpenedFiles = { id: randomUUID(), at: new Date().toISOString(), report };
    this.#pending.push(opened);
    // Bounded: a window that never acknowledges must not grow this without end.
    this.#pending.splice(0, Math.max(0, this.#pending.length - KEEP));
    this.#events.emit('app.filesOpened', opened);
    return opened;
  }

  pending(): readonly OpenedFiles[] {
    return [...this.#pending];
  }

  acknowledge(ids: readonly string[]): number {
    const before = this.#pending.length;
    const gone = new Set(ids);
    this.#pending.splice(0, this.#pending.length, ...this.#pending.filter((o) => !gone.has(o.id)));
    return before - this.#pending.length;
  }
}
