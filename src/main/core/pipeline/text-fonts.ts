import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Logo } from '../../../shared/domain.ts';
import { configuredFontDirs, listFontFilesAsync } from './processors/svg/font-files.ts';

/** An SVG text element, namespaced or not (a <textPath> always sits inside one). */
const TEXT_ELEMENT = /<(?:[\w-]+:)?text[\s>/]/;
/** How long a fingerprint is trusted: a font installed now is seen by jobs queued after this. */
const MAX_AGE_MS = 30_000;
/** Masters whose text/no-text answer is remembered (by content hash, so it never goes stale). */
const MAX_REMEMBERED = 10_000;

/** A short hash of the font files in `dirs` (the ones the font finder sets text from): paths, sizes, times. */
export async function fontFingerprint(dirs: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await listFontFilesAsync(dirs)) {
    try {
      const info = await stat(file);
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
 *
 * Queuing runs on the main process's event loop, so the font folders (thousands of files on a
 * designer's machine) are never walked there synchronously: `fontsOf` answers from the last
 * fingerprint and, when that is older than `maxAgeMs`, starts a walk in the background. Until the
 * first walk finishes it answers with a value of this instance alone, which no stored output
 * shares: such a job is made afresh rather than served from a cache made with other fonts.
 */
export class TextFonts {
  readonly #options: TextFontsOptions;
  readonly #hasText = new Map<string, boolean>();
  readonly #unscanned = `unscanned-${randomUUID()}`;
  #fingerprint: { readonly at: number; readonly value: string } | null = null;
  /** The walk under way, if any. */
  #running: Promise<string> | null = null;
  /** A walk that starts when the running one ends (it sees the disk as it is after that). */
  #queued: Promise<string> | null = null;

  constructor(options: TextFontsOptions) {
    this.#options = options;
  }

  /** The fonts part of a job's key for `logo`; never touches the font folders itself. */
  readonly fontsOf = (logo: Pick<Logo, 'format' | 'hash'>): string | null => {
    if (logo.format !== 'svg' || !this.#masterHasText(logo.hash)) return null;
    const fingerprint = this.#fingerprint;
    const stale = !fingerprint || Date.now() - fingerprint.at > (this.#options.maxAgeMs ?? MAX_AGE_MS);
    if (stale && !this.#running && !this.#queued) void this.refresh();
    return fingerprint?.value ?? this.#unscanned;
  };

  /**
   * Walks the font folders without blocking and resolves with a fingerprint taken after this call:
   * a walk already under way may have listed the folders before a font was added, so one more is
   * queued behind it (callers meanwhile share that one).
   */
  refresh(): Promise<string> {
    if (this.#queued) return this.#queued;
    if (!this.#running) return this.#start();
    const next = () => this.#start();
    this.#queued = this.#running.then(next, next);
    return this.#queued;
  }

  #start(): Promise<string> {
    this.#queued = null;
    const walk = fontFingerprint((this.#options.dirs ?? configuredFontDirs)()).then((value) => {
      this.#fingerprint = { at: Date.now(), value };
      return value;
    });
    this.#running = walk;
    const done = () => {
      if (this.#running === walk) this.#running = null;
    };
    walk.then(done, done);
    return walk;
  }

  #masterHasText(hash: string): boolean {
    let text = this.#hasText.get(hash);
    if (text === undefined) {
      try {
        // One small file per master, read once (remembered by content hash).
        text = TEXT_ELEMENT.test(readFileSync(this.#options.masterPath(hash), 'utf8'));
      } catch {
        text = false; // A missing master fails its job with a clear error later.
      }
      if (this.#hasText.size >= MAX_REMEMBERED) this.#hasText.clear();
      this.#hasText.set(hash, text);
    }
    return text;
  }
}
