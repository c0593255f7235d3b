import type { Handlers } from '../../../shared/contract/index.ts';
import type { LibraryService } from './library-service.ts';

type LibraryHandlers = Pick<Handlers, 'library.import' | 'library.list' | 'library.get'>;

/** The library's contract methods. */
export function libraryHandlers(library: LibraryService): LibraryHandlers {
  return {
    'library.import': async ({ paths, tags }) => library.importPaths(paths, tags),
    'library.list': async (query) => library.list(query),
    'library.get': async ({ id }) => library.get(id),
  };
}
