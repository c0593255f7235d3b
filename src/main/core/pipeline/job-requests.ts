import { randomBytes } from 'node:crypto';
import { type ArtworkSettings, isDefaultArtwork } from '../../../shared/artwork.ts';
import type { JobPriority } from '../../../shared/contract/jobs.ts';
import type { Logo } from '../../../shared/domain.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { Palette } from '../../../shared/palette.ts';
import { type LogoInkEdits, type PrintSetup, withLogoInks } from '../../../shared/print.ts';
import { canonicalJson, outputCacheKey } from './cache-key.ts';
import type { NewJob } from './job-store.ts';
import type { TaskInput } from './protocol.ts';
import type { Registry } from './registry.ts';

export interface EnqueueRequest {
  readonly logoIds: readonly string[];
  readonly recipe: string;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly priority?: JobPriority;
  /** The batch the jobs join; a fresh one when absent (one request, one batch). */
  readonly batchId?: string;
}

interface Sources {
  readonly registry: Registry;
  readonly logoOf: (logoId: string) => Logo;
  readonly paletteOf?: (logoId: string) => Palette | null;
  /**
   * The installed fonts' fingerprint when the logo's master is an SVG with text, else null. Every
   * recipe draws that text with the installed fonts (our outlines for print, librsvg for pixels),
   * so installing the font a logo asks for must give new outputs, not the cached fallback.
   */
  readonly fontsOf?: (logo: Logo) => string | null;
  /** The print setup in Settings, for processors that write press colour. */
  readonly printSetup?: () => PrintSetup;
  /** The logo's background override and one-colour threshold; null or absent = the defaults. */
  readonly artworkOf?: (logoId: string) => ArtworkSettings | null;
  /** The logo's remembered ink edits: the defaults of the recipes that set `usesInks`. */
  readonly inksOf?: (logoId: string) => LogoInkEdits;
}

function parseOptions(
  processor: NonNullable<ReturnType<Registry['get']>>,
  recipe: string,
  options: Readonly<Record<string, unknown>>,
): string {
  const parsed = processor.options.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new MarqueError('INVALID_INPUT', `${recipe} options: ${where}${issue?.message ?? 'invalid'}`);
  }
  return canonicalJson(parsed.data);
}

/**
 * Turns a request into job rows: the recipe must exist, its options pass its own schema (defaults
 * filled in, so `{}` and the defaults spelled out are one cache entry), and each job captures what
 * its output depends on (master hash, name and palette when the processor uses them) in its key.
 */
export function prepareJobs(request: EnqueueRequest, sources: Sources): NewJob[] {
  const processor = sources.registry.get(request.recipe);
  if (!processor) {
    throw new MarqueError(
      'INVALID_INPUT',
      `No recipe named "${request.recipe}"; known: ${[...sources.registry.keys()].join(', ')}`,
    );
  }
  const requested = request.options ?? {};
  const sharedJson = parseOptions(processor, request.recipe, requested);
  const print = processor.usesPrint ? sources.printSetup?.() : undefined;
  const batchId = request.batchId ?? randomBytes(12).toString('base64url');
  return [...new Set(request.logoIds)].map((logoId) => {
    const logo = sources.logoOf(logoId);
    // The logo's ink edits join its options (so its cache key): each logo its own names and merges.
    const edits = processor.usesInks ? sources.inksOf?.(logoId) : undefined;
    const withEdits = edits ? withLogoInks(requested, edits) : requested;
    const optionsJson = withEdits === requested ? sharedJson : parseOptions(processor, request.recipe, withEdits);
    const palette = processor.usesPalette ? (sources.paletteOf?.(logoId) ?? null) : undefined;
    const artwork = sources.artworkOf?.(logoId) ?? null;
    const input: TaskInput = {
      format: logo.format,
      isVector: logo.isVector,
      width: logo.width,
      height: logo.height,
      name: logo.name,
      ...(palette !== undefined ? { palette } : {}),
      ...(print ? { print } : {}),
      ...(artwork && !isDefaultArtwork(artwork) ? { artwork } : {}),
    };
    return {
      id: randomBytes(12).toString('base64url'),
      batchId,
      logoId,
      masterHash: logo.hash,
      recipe: processor.id,
      optionsJson,
      processorVersion: processor.version,
      cacheKey: outputCacheKey({
        masterHash: logo.hash,
        recipe: processor.id,
        optionsJson,
        processorVersion: processor.version,
        name: processor.usesName ? logo.name : null,
        palette: palette ?? null,
        fonts: sources.fontsOf?.(logo) ?? null,
        print: print ?? null,
        artwork,
      }),
      input,
      priority: request.priority ?? 'batch',
    };
  });
}
