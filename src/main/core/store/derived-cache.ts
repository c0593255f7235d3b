import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { renameWithRetry } from './atomic.ts';

const KEY = /^[0-9a-z][0-9a-z._-]{0,127}$/;

/**
 * Evictable derived files (thumbnails, previews, recipe outputs), addressed by key inside a kind
 * folder. Anything here can be regenerated from an original; nothing here is user data.
 */
export class DerivedCache {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  pathOf(kind: string, key: string): string {
    if (!KEY.test(kind) || !KEY.test(key)) throw new Error(`bad cache key ${kind}/${key}`);
    return join(this.root, kind, key);
  }

  async has(kind: string, key: string): Promise<boolean> {
    return stat(this.pathOf(kind, key)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** Moves a finished temp file into the cache (same volume, so the rename is atomic). */
  async adopt(kind: string, key: string, tempFile: string, _sourceHash?: string): Promise<string> {
    const target = this.pathOf(kind, key);
    await mkdir(join(this.root, kind), { recursive: true });
    await renameWithRetry(tempFile, target);
    return target;
  }
}
