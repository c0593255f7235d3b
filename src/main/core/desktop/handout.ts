import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mediaPath, outputPath } from '../../../shared/client.ts';
import type { FileRef, LocatedFile } from '../../../shared/contract/desktop.ts';
import { safeComponent, safeRelativePath } from '../exporter/safe-name.ts';
import { renameWithRetry } from '../files/atomic-write.ts';
import { unlessMissing } from '../fs-missing.ts';
import type { Log } from '../log/logger.ts';
import type { MediaRegistry } from '../media.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The hand-out folder: copies of stored files under their real names, for other apps. The store
 * names originals by hash with no extension, which no app would open, and handing out the stored
 * file itself would let an editor that saves in place change the library's master. A copy, made
 * once (temp + rename) and reused while it is the same size, costs little for logo-sized files.
 */
export class Handout {
  readonly #root: string;
  readonly #media: MediaRegistry;
  readonly #log: Log;

  constructor(root: string, media: MediaRegistry, log: Log) {
    this.#root = root;
    this.#media = media;
    this.#log = log;
  }

  async locate(ref: FileRef): Promise<LocatedFile> {
    const media =
      ref.kind === 'original'
        ? await this.#media.resolve('original', ref.id, null)
        : await this.#media.resolve('output', ref.id, encodeURIComponent(ref.file));
    // Originals by id (a replaced master gets a new copy, the size check below sees it); outputs by job.
    const parts =
      ref.kind === 'original' ? [ref.id, safeComponent(media.filename)] : [ref.id, ...safeRelativePath(ref.file)];
    const path = join(this.#root, ...parts);
    const source = await stat(media.path);
    const existing = await stat(path).catch(unlessMissing(null));
    if (!existing || existing.size !== source.size || existing.mtimeMs < source.mtimeMs) {
      await mkdir(join(path, '..'), { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      await copyFile(media.path, temp);
      await renameWithRetry(temp, path);
    }
    const url = ref.kind === 'original' ? mediaPath('original', ref.id) : outputPath(ref.id, ref.file);
    return { ref, path, filename: parts.at(-1) as string, mime: media.mime, url };
  }

  /** Removes hand-out copies not touched for a week (best effort, beside the first requests). */
  async sweep(now = Date.now()): Promise<void> {
    const entries = await readdir(this.#root).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') this.#log.warn({ err: error, dir: this.#root }, 'hand-out folder not readable');
      return [] as string[];
    });
    for (const name of entries) {
      const dir = join(this.#root, name);
      try {
        if (now - (await stat(dir)).mtimeMs > WEEK_MS) await rm(dir, { recursive: true, force: true });
      } catch (error) {
        this.#log.warn({ err: error, dir }, 'old hand-out copy not removed');
      }
    }
  }
}
