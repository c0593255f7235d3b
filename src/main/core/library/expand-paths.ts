import type { Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ImportSkip, ImportSkipKind } from '../../../shared/domain.ts';

const MAX_FILES = 100_000;

/** Why a special entry inside a folder is not imported, in a designer's words. */
const REASONS: Readonly<Record<Exclude<ImportSkipKind, 'limit'>, string>> = {
  symlink: 'a symbolic link; links are not followed (import the file it points to directly)',
  fifo: 'a named pipe (FIFO), not a file',
  socket: 'a socket, not a file',
  device: 'a device, not a file',
  unreadable: 'could not be read',
  'data-folder': "Marque's own data folder",
};

/** The kind of a non-file, non-folder entry. */
function specialKind(info: Stats): Exclude<ImportSkipKind, 'limit' | 'data-folder' | 'unreadable'> {
  if (info.isSymbolicLink()) return 'symlink';
  if (info.isFIFO()) return 'fifo';
  if (info.isSocket()) return 'socket';
  return 'device';
}

export interface ExpandedPaths {
  readonly files: string[];
  /** Entries inside folders that were left alone, with the reason. */
  readonly skipped: ImportSkip[];
}

/**
 * Expands folders (recursively) into files. Symlinks are not followed; hidden entries
 * (.DS_Store, .git) are skipped silently inside folders; every other entry that is not a file or
 * a folder (symlink, FIFO, socket, device) is reported as skipped. A path named at the top is
 * kept as is, so the intake reports it by name. Folder walks skip the data folder (`exclude`).
 */
export async function expandPaths(paths: readonly string[], exclude: string): Promise<ExpandedPaths> {
  const files: string[] = [];
  const skipped: ImportSkip[] = [];
  const skip = (path: string, kind: Exclude<ImportSkipKind, 'limit'>): void => {
    skipped.push({ path, kind, reason: REASONS[kind] });
  };
  let capped = false;
  const excluded = (path: string) => path === exclude || path.startsWith(exclude + sep);
  const walk = async (path: string, top: boolean): Promise<void> => {
    if (files.length >= MAX_FILES) {
      if (!capped)
        skipped.push({
          path,
          kind: 'limit',
          reason: `one import takes at most ${MAX_FILES.toLocaleString('en')} files; this and what follows were not imported`,
        });
      capped = true;
      return;
    }
    // Never walk the library's own data folder; a file named explicitly (an upload) is fine.
    if (!top && excluded(path)) {
      skip(path, 'data-folder');
      return;
    }
    const info = await lstat(path).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(path).catch(() => null);
      if (entries === null) {
        if (top) files.push(path);
        else skip(path, 'unreadable');
        return;
      }
      entries.sort((a, b) => a.localeCompare(b));
      for (const entry of entries) if (!entry.startsWith('.')) await walk(join(path, entry), false);
      return;
    }
    if (top || info?.isFile()) files.push(path);
    else if (info) skip(path, specialKind(info));
    else skip(path, 'unreadable');
  };
  for (const path of paths) await walk(path, true);
  return { files, skipped };
}
