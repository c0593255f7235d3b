import { randomUUID } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir } from '../files/atomic-write.ts';
import { unlessMissing } from '../fs-missing.ts';
import type { FullPlan } from './plan.ts';

/** The exporter's temp names (files/atomic-write.ts): `.marque-<uuid>.tmp`. Nothing else is ever removed. */
const EXPORT_TEMP = /^\.marque-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

/** What a folder export planned, so that the same export run again can finish it instead of starting over. */
export interface ResumeRecord {
  /** The destination folder (resolved). */
  readonly destination: string;
  /** Identity of the plan (every path, source and size, the template and the conflict mode). */
  readonly key: string;
  /** The export's clock: a resumed plan renders `{date}` as the first run did. */
  readonly now: string;
  /** Every path the export was to write, the manifest included, relative to the destination. */
  readonly paths: readonly string[];
}

interface JournalEntry {
  /** 0 once the export is known to be interrupted (its process died): a reused pid cannot revive it. */
  readonly pid: number;
  /** The folders the export writes temp files into (the destination and the folders of its files). */
  readonly folders: readonly string[];
  readonly resume?: ResumeRecord;
  readonly startedAt?: string;
}

/** An export whose process died before it finished, as the next run of it finds it. */
export interface InterruptedExport extends ResumeRecord {
  /** The journal entry's name, to forget it once resumed. */
  readonly entry: string;
  /** When the interrupted export started. */
  readonly startedAt: string;
}

/** Interrupted exports are offered for this long, then forgotten. */
const KEEP_INTERRUPTED_MS = 30 * 24 * 60 * 60 * 1000;

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

  /** Records an export before its first temp file (with its plan, for a folder export); returns the call that forgets it. */
  async begin(folders: readonly string[], resume?: ResumeRecord): Promise<() => Promise<void>> {
    await mkdir(this.#dir, { recursive: true });
    const name = `${randomUUID()}.json`;
    const file = join(this.#dir, name);
    this.#mine.add(name);
    await this.#write(file, {
      pid: process.pid,
      folders: [...new Set(folders)],
      startedAt: new Date().toISOString(),
      ...(resume ? { resume } : {}),
    });
    return async () => {
      await unlink(file).catch(unlessMissing(undefined));
      this.#mine.delete(name);
    };
  }

  /** Writes an entry atomically (temp, fsync, rename), so a crash leaves the old one or the new one. */
  async #write(file: string, entry: JournalEntry): Promise<void> {
    const temp = `${file}.part`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(JSON.stringify(entry));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    await fsyncDir(this.#dir);
  }

  /** The interrupted exports into `destination`, newest first (after `recover` marked them). */
  async interrupted(destination: string): Promise<InterruptedExport[]> {
    const found: InterruptedExport[] = [];
    for (const name of await readdir(this.#dir).catch(() => [] as string[])) {
      if (!name.endsWith('.json') || this.#mine.has(name)) continue;
      const file = join(this.#dir, name);
      const entry = await readEntry(file);
      if (!entry?.resume || entry.resume.destination !== destination) continue;
      if (entry.pid !== 0 && isRunning(entry.pid)) continue;
      found.push({ ...entry.resume, entry: name, startedAt: entry.startedAt ?? '' });
    }
    return found.sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  }

  /** Forgets an interrupted export (it was resumed, or the user chose a fresh export instead). */
  async forget(entry: string): Promise<void> {
    if (!/^[0-9a-f-]{36}\.json$/.test(entry)) return;
    await unlink(join(this.#dir, entry)).catch(() => {});
  }

  /**
   * Sweeps the temp files of exports whose process is gone. A folder export's entry is kept,
   * marked interrupted, so the same export run again can resume it (for 30 days); the others are
   * forgotten. Entries of a live process (this one, or the CLI beside the app) are left alone.
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
      const entry = await readEntry(file);
      if (!entry) {
        await unlink(file).catch(() => {});
        continue;
      }
      if (entry.pid !== 0 && isRunning(entry.pid)) continue;
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
      const age = Date.now() - ((await stat(file).catch(() => null))?.mtimeMs ?? 0);
      if (entry.resume && age < KEEP_INTERRUPTED_MS) {
        if (entry.pid !== 0) await this.#write(file, { ...entry, pid: 0 }).catch(() => {});
      } else await unlink(file).catch(() => {});
    }
    return { removed };
  }
}

async function readEntry(file: string): Promise<JournalEntry | null> {
  try {
    const entry = JSON.parse(await readFile(file, 'utf8')) as JournalEntry;
    if (typeof entry !== 'object' || entry === null || typeof entry.pid !== 'number') return null;
    const resume = entry.resume;
    const valid =
      !resume ||
      (typeof resume.destination === 'string' &&
        typeof resume.key === 'string' &&
        typeof resume.now === 'string' &&
        Array.isArray(resume.paths) &&
        resume.paths.every((p) => typeof p === 'string'));
    return valid ? entry : { pid: entry.pid, folders: entry.folders };
  } catch {
    return null;
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
