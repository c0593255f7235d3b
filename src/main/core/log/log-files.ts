import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LOG_FILE } from './logger.ts';

/** The log folder of a data folder: `<data folder>/logs`. */
export function logDir(dataDir: string): string {
  return join(dataDir, 'logs');
}

/** The log files of a data folder, oldest first (`marque.log.4` … `marque.log.1`, `marque.log`). */
export async function logFiles(dataDir: string): Promise<string[]> {
  const names = await readdir(logDir(dataDir)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const rotated = names
    .flatMap((name) => {
      const match = new RegExp(`^${LOG_FILE.replace('.', '\\.')}\\.(\\d+)$`).exec(name);
      return match ? [{ name, index: Number(match[1]) }] : [];
    })
    .sort((a, b) => b.index - a.index)
    .map(({ name }) => join(logDir(dataDir), name));
  return names.includes(LOG_FILE) ? [...rotated, join(logDir(dataDir), LOG_FILE)] : rotated;
}
