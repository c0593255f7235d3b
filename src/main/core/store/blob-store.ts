import { unlinkSync } from 'node:fs';
import { mkdir, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir, fsyncFile, renameWithRetry } from '../files/atomic-write.ts';
import { isMissing, unlessMissing } from '../fs-missing.ts';
import { type Log, silentLog } from '../log/logger.ts';

const HASH = /^[0-9a-f]{64}$/;

/**
 * Content-addressed originals: `originals/ab/cd/<sha256>`. Files arrive in `tmp/` (written by the
 * intake), are fsynced and renamed into place; the database row is written only after that.
 */
export class BlobStore {
  readonly root: string;
  readonly tmpDir: string;
  readonly #log: Log;

  constructor(root: string, log: Log = silentLog()) {
    this.root = root;
    this.tmpDir = join(root, 'tmp');
    this.#log = log;
  }

  async init(): Promise<void> {
    await mkdir(join(this.root, 'originals'), { recursive: true });
    // Leftovers from a crash mid-import are never referenced: clear them.
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
  }

  pathOf(hash: string): string {
    if (!HASH.test(hash)) throw new Error(`not a sha256: ${hash.slice(0, 80)}`);
    return join(this.root, 'originals', hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  async has(hash: string): Promise<boolean> {
    return stat(this.pathOf(hash)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** Moves a fully written temp file into its content address; an existing blob wins. */
  async adopt(tempFile: string, hash: string): Promise<string> {
    const target = this.pathOf(hash);
    if (await this.has(hash)) {
      await unlink(tempFile).catch(unlessMissing(undefined));
      return target;
    }
    const dir = join(this.root, 'originals', hash.slice(0, 2), hash.slice(2, 4));
    await mkdir(dir, { recursive: true });
    await fsyncFile(tempFile);
    await renameWithRetry(tempFile, target);
    await fsyncDir(dir);
    return target;
  }

  async remove(hash: string): Promise<void> {
    await unlink(this.pathOf(hash)).catch(unlessMissing(undefined));
  }

  /** Synchronous removal, for purges that must not yield between the database commit and the file. */
  removeSync(hash: string): void {
    try {
      unlinkSync(this.pathOf(hash));
    } catch (error) {
      // Already gone is fine; a file that stays is an orphan start-up reconciliation lists.
      if (!isMissing(error)) this.#log.warn({ err: error, hash }, 'purged original not removed from disk');
    }
  }

  get quarantineDir(): string {
    return join(this.root, 'quarantine');
  }

  /** Moves a blob nobody references out of the store, kept for a person to look at, never deleted. */
  async quarantine(hash: string): Promise<string> {
    await mkdir(this.quarantineDir, { recursive: true });
    const target = join(this.quarantineDir, hash);
    await renameWithRetry(this.pathOf(hash), target);
    await fsyncDir(this.quarantineDir);
    return target;
  }

  /** Files waiting in quarantine. */
  async quarantined(): Promise<string[]> {
    return (await readdir(this.quarantineDir).catch(unlessMissing([] as string[]))).filter(
      (name) => !name.startsWith('.'),
    );
  }

  /** Last modification time of a stored blob (ms), or null when the file is not there. */
  async modifiedAt(hash: string): Promise<number | null> {
    return stat(this.pathOf(hash)).then(
      (s) => (s.isFile() ? s.mtimeMs : null),
      () => null,
    );
  }

  /** Every stored hash, in one recursive listing (start-up reconciliation against the database). */
  async hashSet(): Promise<Set<string>> {
    const names = await readdir(join(this.root, 'originals'), { recursive: true }).catch(unlessMissing([] as string[]));
    const hashes = new Set<string>();
    for (const name of names) {
      const hash = name.slice(-64);
      // Only files at their content address (ab/cd/<hash>) count.
      if (HASH.test(hash) && name === join(hash.slice(0, 2), hash.slice(2, 4), hash)) hashes.add(hash);
    }
    return hashes;
  }

  /** Every stored hash (for start-up reconciliation against the database). */
  async *hashes(): AsyncGenerator<string> {
    const base = join(this.root, 'originals');
    const list = (dir: string) => readdir(dir).catch(unlessMissing([] as string[]));
    for (const a of await list(base)) {
      for (const b of await list(join(base, a))) {
        for (const name of await list(join(base, a, b))) if (HASH.test(name)) yield name;
      }
    }
  }
}
