import { lstat, readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';

const MAX_FILES = 100_000;

/**
 * Expands folders (recursively) into files. Symlinks are not followed; hidden entries
 * (.DS_Store, .git) are skipped inside folders. A path that is not there is kept,
 * so the intake reports it by name. Folder walks skip anything under `exclude` (the data folder).
 */
export async function expandPaths(paths: readonly string[], exclude: string): Promise<string[]> {
  const files: string[] = [];
  const excluded = (path: string) => path === exclude || path.startsWith(exclude + sep);
  const walk = async (path: string, top: boolean): Promise<void> => {
    // Never walk the library's own data folder; a file named explicitly (an upload) is fine.
    if (files.length >= MAX_FILES || (!top && excluded(path))) return;
    const info = await lstat(path).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(path).catch(() => []);
      entries.sort((a, b) => a.localeCompare(b));
      for (const entry of entries) if (!entry.startsWith('.')) await walk(join(path, entry), false);
      return;
    }
    if (top || info?.isFile()) files.push(path);
  };
  for (const path of paths) await walk(path, true);
  return files;
}
