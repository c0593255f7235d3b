import { createHash } from 'node:crypto';
import { type ArtworkSettings, isDefaultArtwork } from '../../../shared/artwork.ts';
import type { Palette } from '../../../shared/palette.ts';
import type { PrintSetup } from '../../../shared/print.ts';

/** JSON with object keys sorted at every depth, so equal options always hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = sortKeys(item);
    }
    return out;
  }
  return value;
}

export interface CacheKeyParts {
  readonly masterHash: string;
  readonly recipe: string;
  /** canonicalJson of the validated options (defaults filled in). */
  readonly optionsJson: string;
  readonly processorVersion: number;
  /** Only for processors whose outputs carry the logo's name. */
  readonly name?: string | null;
  /** Only for processors that read the palette. */
  readonly palette?: Palette | null;
  /** Only for SVG masters with text: the installed fonts' fingerprint. */
  readonly fonts?: string | null;
  /** Only for processors that write press colour: the print setup (profile by its sha256). */
  readonly print?: PrintSetup | null;
  /** The logo's background override and one-colour threshold: every recipe reads them. */
  readonly artwork?: ArtworkSettings | null;
}

/** Where a recipe's output lives in the derived cache: sha256 over everything the output depends on. */
export function outputCacheKey(parts: CacheKeyParts): string {
  const material = canonicalJson([
    'marque-output/1',
    parts.masterHash,
    parts.recipe,
    parts.optionsJson,
    parts.processorVersion,
    parts.name ?? null,
    parts.palette ?? null,
    // Appended only when present, so the keys of everything without text stay as they were.
    ...(parts.fonts ? [parts.fonts] : []),
    // Paths are where a file lives, not what it is: the ids (sha256) stand for the content.
    ...(parts.print ? [{ print: printIdentity(parts.print) }] : []),
    // Likewise only when the designer changed them: default settings keep today's keys.
    ...(isDefaultArtwork(parts.artwork) ? [] : [{ artwork: parts.artwork }]),
  ]);
  return createHash('sha256').update(material).digest('hex');
}

function printIdentity(setup: PrintSetup): unknown {
  return {
    ...setup,
    profile: setup.profile.id,
    swatchBooks: setup.swatchBooks.map((book) => book.id),
  };
}
