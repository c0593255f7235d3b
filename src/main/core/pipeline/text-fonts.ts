import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Logo } from '../../../shared/domain.ts';
import { configuredFontDirs, listFontFiles } from './processors/svg/font-finder.ts';

/** An SVG text element, namespaced or not (a <textPath> always sits inside one). */
const TEXT_ELEMENT = /<(?:[\w-]+:)?text[\s>/]/;
/** How long a fingerprint is trusted: a font installed now is seen by jobs queued after this. */
const MAX_AGE_MS = 30_000;
/** Masters whose text/no-text answer is remembered (by content hash, so it never goes stale). */
const MAX_REMEMBERED = 10_000;

/** A short hash of the font files in `dirs` (the ones the font finder sets text from): paths, sizes, times. */
export function fontFingerprint(dirs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of listFontFiles(dirs)) {
    try {
      const info = statSync(file);
      hash.update(`${file}\0${info.size}\0${info.mtimeMs}\n`);
    } catch {
      // Removed while listing: it is not installed.
    }
  }
  return hash.digest('hex').slice(0, 16);
}

export interface TextFontsOptions {
  /** Where the store keeps a master, by content hash. */
  readonly masterPath: (hash: string) => string;
  readonly dirs?: () => readonly string[];
  readonly maxAgeMs?: number;
}

/**
 * The `fontsOf` source of job keys: the installed fonts' fingerprint for SVG masters that have
 * text (every recipe draws it with those fonts), null for every other master.
 */
export function textFontsSource(options: TextFontsOptions): (logo: Pick<Logo, 'format' | 'hash'>) => string | null {
  const hasText = new Map<string, boolean>();
  let fingerprint: { readonly at: number; readonly value: string } | null = null;
  return (logo) => {
    if (logo.format !== 'svg') return null;
    let text = hasText.get(logo.hash);
    if (text === undefined) {
      try {
        text = TEXT_ELEMENT.test(readFileSync(options.masterPath(logo.hash), 'utf8'));
      } catch {
        text = false; // A missing master fails its job with a clear error later.
      }
      if (hasText.size >= MAX_REMEMBERED) hasText.clear();
      hasText.set(logo.hash, text);
    }
    if (!text) return null;
    const now = Date.now();
    if (!fingerprint || now - fingerprint.at > (options.maxAgeMs ?? MAX_AGE_MS)) {
      fingerprint = { at: now, value: fontFingerprint((options.dirs ?? configuredFontDirs)()) };
    }
    return fingerprint.value;
  };
}
