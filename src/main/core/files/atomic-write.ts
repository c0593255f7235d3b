import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, link, lstat, open, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Atomic file writes for the whole core: the blob store, the derived cache and the exporter. A
 * file is written to a temp name beside its target, fsynced, then renamed (or hard-linked, to
 * never clobber) into place, and the folder fsynced, so a crash or full disk leaves either the
 * old file or the new one, never half of one.
 */

/** fsyncs a directory so a rename inside it survives power loss (no-op where unsupported). */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open directories for sync; NTFS journals the rename itself.
  } finally {
    await handle?.close();
  }
}

/** fsyncs a file already written. */
export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const RETRYABLE_RENAME = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** Renames with a short retry for Windows, where antivirus and indexers briefly hold files. */
export async function renameWithRetry(from: string, to: string, attempts = 6): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (attempt >= attempts || !RETRYABLE_RENAME.has(code) || process.platform !== 'win32') throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

/** Errors that mean "this file system has no hard links", not "the name is taken". */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK', 'EACCES']);

export const TEMP_PREFIX = '.marque-';
export const TEMP_SUFFIX = '.tmp';

/** A temp name beside the target; short, so it fits however long the target's name is. */
export function tempBeside(target: string): string {
  return join(dirname(target), `${TEMP_PREFIX}${randomUUID()}${TEMP_SUFFIX}`);
}

/** Raised when a no-clobber publish finds the name taken (a file appeared after planning). */
export class TargetExistsError extends Error {
  readonly code = 'EEXIST';
}

/**
 * Moves a finished temp file to its name. `overwrite` replaces atomically (rename); otherwise
 * a hard link claims the name only if it is free, so a file that appeared since the plan is
 * never clobbered. Where hard links are missing (FAT, exFAT, some shares) it falls back to
 * check-then-rename, which leaves only a tiny window.
 */
export async function publish(temp: string, target: string, overwrite: boolean): Promise<void> {
  if (overwrite) {
    await renameWithRetry(temp, target);
    return;
  }
  try {
    await link(temp, target);
    await unlink(temp);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw new TargetExistsError(`${target} already exists`);
    if (!NO_HARD_LINKS.has(code)) throw error;
  }
  const taken = await lstat(target).then(
    () => true,
    () => false,
  );
  if (taken) throw new TargetExistsError(`${target} already exists`);
  await renameWithRetry(temp, target);
}

/**
 * Copies `source` to `target` atomically: a temp file beside the target, fsync, publish, fsync
 * the folder. Returns the sha256 of the bytes copied. On any failure the temp file is removed.
 * `syncDir: false` leaves the folder fsync to a caller that syncs each folder once for a batch.
 */
export async function copyFileAtomic(
  source: string,
  target: string,
  overwrite: boolean,
  options: { readonly syncDir?: boolean } = {},
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  await writeThenPublish(target, overwrite, options.syncDir !== false, async (handle) => {
    for await (const chunk of createReadStream(source)) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      bytes += buffer.length;
      await handle.write(buffer);
    }
  });
  return { sha256: hash.digest('hex'), bytes };
}

/** Writes bytes atomically with the same publish rules as `copyFileAtomic`. */
export async function writeBytesAtomic(target: string, data: Uint8Array, overwrite: boolean): Promise<void> {
  await writeThenPublish(target, overwrite, true, (handle) => handle.writeFile(data));
}

/** The one write path: a new temp beside the target, filled, fsynced, published; the temp never outlives a failure. */
async function writeThenPublish(
  target: string,
  overwrite: boolean,
  syncDir: boolean,
  fill: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  const temp = tempBeside(target);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await fill(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await publish(temp, target, overwrite);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  if (syncDir) await fsyncDir(dirname(target));
}

/** sha256 of a file as it is on disk now. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
