import { readFile } from 'node:fs/promises';
import type { Handlers } from '../../../shared/contract/index.ts';
import type { PipelineService } from './pipeline-service.ts';

type FaviconHandlers = Pick<Handlers, 'favicon.preview'>;

/** The favicon studio's method: run the real recipe, then the pack checker on the files it wrote. */
export function faviconHandlers(pipeline: PipelineService): FaviconHandlers {
  return {
    'favicon.preview': async ({ logoId, options }) => {
      const job = await pipeline.runToCompletion(logoId, 'favicon', options, 'interactive');
      const files = await Promise.all(
        job.files.map(async (file) => ({
          path: file.path,
          bytes: new Uint8Array(await readFile((await pipeline.outputFile(job.id, file.path)).path)),
        })),
      );
      // The job's options hold the validated base path (default '/'); the manifest's URLs start with it.
      const base = typeof job.options.basePath === 'string' ? job.options.basePath : '/';
      // Loaded on first use: the checker decodes with sharp, which Electron's main bundle must not import.
      const { checkFaviconPack } = await import('./processors/favicon/check-pack.ts');
      const report = await checkFaviconPack(files, base.endsWith('/') ? base : `${base}/`);
      return { job, report };
    },
  };
}
