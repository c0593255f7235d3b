import { lstat, readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';

const MAX_FILES = 100_000;

/** A folder the walk could not list (no permission, an I/O error), with the reason. */
export interface UnreadableFolder {
  readonly path: string;
  readonly code: string;
}

/**
 * Expands folders (recursively) into files. Symlinks are not followed; hidden entries
 * (.DS_Store, .git) are skipped inside folders. A path that is not there is kept,
 * so the intake reports it by name. Folder walks skip anything under `exclude` (the data folder).
 * A folder that cannot be listed is returned in `unreadable`, so the import reports it too.
 */
export async function expandPaths(
  paths: readonly string[],
  exclude: string,
): Promise<{ files: string[]; unreadable: UnreadableFolder[] }> {
  const files: string[] = [];
  const unreadable: UnreadableFolder[] = [];
  const excluded = (path: string) => path === exclude || path.startsWith(exclude + sep);
  const walk = async (path: string, top: boolean): Promise<void> => {
    // Never walk the library's own data folder; a file named explicitly (an upload) is fine.
    if (files.length >= MAX_FILES || (!top && excluded(path))) return;
    // Not there (or not readable): kept when named at the top, so the intake reports it by name.
    const info = await lstat(path).catch(() => null);
    if (info?.isDirectory()) {
      let entries: string[];
      try {
        entries = await readdir(path);
      } catch (error) {
        unreadable.push({ path, code: (error as NodeJS.ErrnoException).code ?? 'EIO' });
        return;
      }
      entries.sort((a, b) => a.localeCompare(b));
      for (const entry of entries) if (!entry.startsWith('.')) await walk(join(path, entry), false);
      return;
    }
    if (top || info?.isFile()) files.push(path);
  };
  for (const path of paths) await walk(path, true);
  return { files, unreadable };
}
