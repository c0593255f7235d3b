import { MarqueError } from '../../../shared/errors.ts';
import type { MediaFile } from '../media.ts';
import type { PipelineService } from './pipeline-service.ts';

const INLINE = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/avif']);

/**
 * The 'output' media kind: `/media/output/<jobId>/<path inside the output>`, for downloads of
 * recipe outputs over HTTP and the app protocol. The path must be one the job recorded
 * (outputFile validates it); anything but plain raster images is served as an attachment, since
 * an SVG or PDF opened top-level would be a live document.
 */
export async function resolveOutputMedia(
  pipeline: PipelineService,
  jobId: string,
  rest: string | null,
): Promise<MediaFile> {
  let path: string;
  try {
    path = decodeURIComponent(rest ?? '');
  } catch {
    throw new MarqueError('NOT_FOUND', 'No such output file');
  }
  const file = await pipeline.outputFile(jobId, path);
  return { ...file, attachment: !INLINE.has(file.mime), shareable: true };
}
