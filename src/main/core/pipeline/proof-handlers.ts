import type { Handlers } from '../../../shared/contract/index.ts';
import type { LibraryService } from '../library/library-service.ts';
import type { PipelineService } from './pipeline-service.ts';
import { proofSheet } from './proof-sheet.ts';

/** The proof sheet the UI shows before export, from the outputs already made. */
export function proofHandlers(pipeline: PipelineService, library: LibraryService): Pick<Handlers, 'library.proof'> {
  return {
    'library.proof': async ({ ids }) =>
      proofSheet({ outputs: (id) => pipeline.outputs(id), nameOf: (id) => library.get(id).name }, ids),
  };
}
