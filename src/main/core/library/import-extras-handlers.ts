import type { Handlers } from '../../../shared/contract/index.ts';
import type { DuplicateFinder } from './duplicate-finder.ts';
import type { EagleImporter } from './eagle-import.ts';
import type { LibraryService } from './library-service.ts';

/** Methods beside the plain import: bytes from the clipboard, an Eagle library, the duplicate finder. */
export type ImportExtrasMethod = 'library.importBytes' | 'library.importEagle' | 'library.duplicates';

interface ImportExtrasServices {
  readonly library: LibraryService;
  readonly eagle: EagleImporter;
  readonly duplicates: DuplicateFinder;
}

export function importExtrasHandlers({
  library,
  eagle,
  duplicates,
}: ImportExtrasServices): Pick<Handlers, ImportExtrasMethod> {
  return {
    'library.importBytes': async ({ fileName, base64 }, context) =>
      library.importBytes(fileName, new Uint8Array(Buffer.from(base64, 'base64')), context.clientAddress),
    'library.importEagle': async ({ path }, context) => eagle.import(path, context.clientAddress),
    'library.duplicates': async ({ maxDistance }) => duplicates.find(maxDistance),
  };
}
