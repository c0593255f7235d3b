import { lstat, mkdir, realpath, rmdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { MarqueError } from '../../../shared/errors.ts';
import { describeIoError } from './disk-errors.ts';

/** True when `child` is `root` or below it (both already resolved). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Joins safe components under the root and proves, lexically, that the result stays inside. */
export function resolveInside(root: string, components: readonly string[]): string {
  const target = resolve(root, ...components);
  if (!isInside(resolve(root), target) || target === resolve(root)) {
    throw new MarqueError('FORBIDDEN', `Export path "${components.join('/')}" would leave ${root}`);
  }
  return target;
}

/**
 * Node's recursive mkdir reports ENOENT when a missing parent cannot be made (on a read-only disk,
 * say): making the first missing folder alone gives the real reason.
 */
async function mkdirCause(root: string, error: unknown): Promise<unknown> {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
  let first = root;
  while (dirname(first) !== first && !(await lstat(dirname(first)).catch(() => null))) first = dirname(first);
  try {
    await mkdir(first);
    await rmdir(first).catch(() => {});
  } catch (cause) {
    return cause;
  }
  return error;
}

/**
 * Creates the folders of one file below the destination and proves, on disk, that they stay
 * inside it: a symlink planted in the destination (`Acme -> /etc`) is refused, not followed.
 * Records the folders it created so a failed export can remove the empty ones.
 */
export class FolderMaker {
  readonly #root: string;
  readonly #realRoot: string;
  readonly #checked = new Set<string>();
  readonly created: string[] = [];

  private constructor(root: string, realRoot: string) {
    this.#root = root;
    this.#realRoot = realRoot;
  }

  static async open(root: string): Promise<FolderMaker> {
    let first: string | undefined;
    try {
      first = await mkdir(root, { recursive: true });
    } catch (caught) {
      const error = await mkdirCause(root, caught);
      throw new MarqueError('IO_ERROR', `Cannot create the destination folder ${root}: ${describeIoError(error)}`, {
        cause: error,
      });
    }
    const maker = new FolderMaker(root, await realpath(root));
    // The folders made here count as this export's too (a failed export removes them when empty).
    for (let dir = root; first !== undefined; dir = dirname(dir)) {
      maker.created.unshift(dir);
      if (dir === first || dirname(dir) === dir) break;
    }
    return maker;
  }

  /** Ensures `dirs` exist under the root; returns the absolute folder. */
  async ensure(dirs: readonly string[]): Promise<string> {
    let current = this.#root;
    for (const dir of dirs) {
      current = join(current, dir);
      if (this.#checked.has(current)) continue;
      const stat = await lstat(current).catch(() => null);
      if (!stat) {
        try {
          await mkdir(current);
          this.created.push(current);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
      } else if (!stat.isDirectory() && !stat.isSymbolicLink()) {
        throw new MarqueError('IO_ERROR', `${current} is a file, not a folder`);
      }
      const real = await realpath(current);
      if (!isInside(this.#realRoot, real)) {
        throw new MarqueError(
          'FORBIDDEN',
          `${current} leads outside the destination (to ${real}); refusing to write through it`,
        );
      }
      this.#checked.add(current);
    }
    return current;
  }
}
