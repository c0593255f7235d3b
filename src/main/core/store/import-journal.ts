import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOGO_FORMATS, type LogoFormat } from '../../../shared/domain.ts';
import type { PaletteColor } from '../../../shared/palette.ts';
import { isProcessAlive } from '../pipeline/runners.ts';

/** A stored blob: its content hash and size. */
export interface StoredBlob {
  readonly hash: string;
  readonly byteSize: number;
}

/** What the library row of an import needs: the intake's findings, without its temp files. */
export interface StoredImport {
  readonly format: LogoFormat;
  readonly isVector: boolean;
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
  readonly master: StoredBlob;
  readonly source: StoredBlob | null;
  /** The colours the intake measured (colour search works at once); absent in older entries. */
  readonly palette?: readonly PaletteColor[];
  /** The master's perceptual hash; absent in older entries (the duplicate finder fills it in). */
  readonly dhash?: string;
}

/** An import between "its blobs go into the store" and "its row is committed". */
export interface PendingImport {
  readonly pid: number;
  readonly path: string;
  readonly tags: readonly string[];
  readonly result: StoredImport;
}

const ENTRY = /^[0-9a-f-]{36}\.json$/;
const HASH = /^[0-9a-f]{64}$/;

/**
 * Imports in flight, one small file each in the data folder, written before an import's blobs are
 * renamed into the store and removed once its row is committed. A process killed in between leaves
 * a complete blob with no row and this entry: the next start adopts the blob (the row is written
 * as the import would have) instead of treating it as an unknown file; and a blob an import in a
 * live process is still writing is never taken for a leftover.
 */
export class ImportJournal {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Records an import about to store its blobs; returns the call that forgets it. */
  async begin(entry: Omit<PendingImport, 'pid'>): Promise<() => Promise<void>> {
    await mkdir(this.#dir, { recursive: true });
    const file = join(this.#dir, `${randomUUID()}.json`);
    // Renamed into place so a reader never sees half an entry. Not fsynced: a SIGKILL keeps the page
    // cache; after a power loss a blob without its entry is removed at a later start instead.
    await writeFile(`${file}.part`, JSON.stringify({ pid: process.pid, ...entry } satisfies PendingImport));
    await rename(`${file}.part`, file);
    return () => unlink(file).catch(() => {});
  }

  /** Every entry, with whether its process still runs (this process counts as running). */
  async entries(): Promise<{ readonly name: string; readonly entry: PendingImport; readonly live: boolean }[]> {
    const out: { name: string; entry: PendingImport; live: boolean }[] = [];
    for (const name of await readdir(this.#dir).catch(() => [] as string[])) {
      if (!ENTRY.test(name)) continue;
      const entry = await readFile(join(this.#dir, name), 'utf8').then(parseEntry, () => null);
      if (!entry) {
        await this.remove(name);
        continue;
      }
      out.push({ name, entry, live: entry.pid === process.pid || isProcessAlive(entry.pid) });
    }
    return out;
  }

  /** Hashes of blobs that imports in running processes are storing right now. */
  async liveHashes(): Promise<Set<string>> {
    const hashes = new Set<string>();
    for (const { entry, live } of await this.entries()) {
      if (!live) continue;
      hashes.add(entry.result.master.hash);
      if (entry.result.source) hashes.add(entry.result.source.hash);
    }
    return hashes;
  }

  async remove(name: string): Promise<void> {
    if (ENTRY.test(name)) await unlink(join(this.#dir, name)).catch(() => {});
  }
}

function isBlob(value: unknown): value is StoredBlob {
  const blob = value as StoredBlob | null;
  return (
    typeof blob === 'object' &&
    blob !== null &&
    typeof blob.hash === 'string' &&
    HASH.test(blob.hash) &&
    Number.isInteger(blob.byteSize)
  );
}

/** An entry as written by `begin`, or null (a damaged entry is dropped; its blob then ages out). */
function parseEntry(text: string): PendingImport | null {
  try {
    const entry = JSON.parse(text) as PendingImport;
    const r = entry?.result;
    const valid =
      Number.isInteger(entry.pid) &&
      typeof entry.path === 'string' &&
      Array.isArray(entry.tags) &&
      entry.tags.every((t) => typeof t === 'string') &&
      typeof r === 'object' &&
      r !== null &&
      (LOGO_FORMATS as readonly string[]).includes(r.format) &&
      typeof r.isVector === 'boolean' &&
      typeof r.hasAlpha === 'boolean' &&
      Number.isFinite(r.width) &&
      Number.isFinite(r.height) &&
      isBlob(r.master) &&
      (r.source === null || isBlob(r.source));
    return valid ? entry : null;
  } catch {
    return null;
  }
}

/** Where a data folder keeps its import journal. */
export function importJournalDir(dataDir: string): string {
  return join(dataDir, 'tmp', 'import-journal');
}
