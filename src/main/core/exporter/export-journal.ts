import { randomUUID } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { unlessMissing } from '../fs-missing.ts';
import { fsyncDir } from '../store/atomic.ts';
import type { FullPlan } from './plan.ts';

/** The exporter's temp names (atomic-copy.ts): `.marque-<uuid>.tmp`. Nothing else is ever removed. */
const EXPORT_TEMP = /^\.marque-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

interface JournalEntry {
  readonly pid: number;
  /** The folders the export writes temp files into (the destination and the folders of its files). */
  readonly folders: readonly string[];
}

/**
 * Exports in flight, one small file each in the data folder, so that after a crash (SIGKILL, power
 * loss) the next start can remove the temp files a dead export left beside its files. A temp file
 * is only ever `.marque-<uuid>.tmp` in a folder the export named before writing, so the sweep
 * never touches anything of the user's.
 */
export class ExportJournal {
  readonly #dir: string;
  /** Entries this process wrote: never swept, even when a dead process once had our pid. */
  readonly #mine = new Set<string>();

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Records an export before its first temp file; returns the call that forgets it. */
  async begin(folders: readonly string[]): Promise<() => Promise<void>> {
    await mkdir(this.#dir, { recursive: true });
    const name = `${randomUUID()}.json`;
    const file = join(this.#dir, name);
    this.#mine.add(name);
    const temp = `${file}.part`;
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(
        JSON.stringify({ pid: process.pid, folders: [...new Set(folders)] } satisfies JournalEntry),
      );
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    await fsyncDir(this.#dir);
    return async () => {
      await unlink(file).catch(unlessMissing(undefined));
      this.#mine.delete(name);
    };
  }

  /**
   * Sweeps the temp files of exports whose process is gone, then forgets them. Entries of a live
   * process (this one, or the CLI beside the app) are left alone.
   */
  async recover(): Promise<{ readonly removed: readonly string[] }> {
    const removed: string[] = [];
    for (const name of await readdir(this.#dir).catch(unlessMissing([] as string[]))) {
      const file = join(this.#dir, name);
      if (this.#mine.has(name) || this.#mine.has(name.replace(/\.part$/, ''))) continue;
      if (name.endsWith('.part')) {
        await unlink(file).catch(unlessMissing(undefined));
        continue;
      }
      let entry: JournalEntry;
      try {
        entry = JSON.parse(await readFile(file, 'utf8')) as JournalEntry;
      } catch {
        // A journal entry torn by a crash mid-write: nothing to recover from it.
        await unlink(file).catch(unlessMissing(undefined));
        continue;
      }
      if (isRunning(entry.pid)) continue;
      for (const folder of Array.isArray(entry.folders) ? entry.folders : []) {
        for (const child of await readdir(folder).catch(() => [] as string[])) {
          if (!EXPORT_TEMP.test(child)) continue;
          const path = join(folder, child);
          const info = await lstat(path).catch(() => null);
          if (
            info?.isFile() &&
            (await unlink(path).then(
              () => true,
              () => false,
            ))
          )
            removed.push(path);
        }
      }
      await unlink(file).catch(unlessMissing(undefined));
    }
    return { removed };
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where a plan puts temp files: its destination and the folder of every file. */
export function foldersOf(plan: Pick<FullPlan, 'destination' | 'files'>): string[] {
  return [plan.destination, ...plan.files.map((file) => join(plan.destination, ...file.components.slice(0, -1)))];
}
