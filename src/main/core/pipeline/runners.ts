import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Pipeline instances alive in this process (a test or a CLI may open several studios in turn). */
export const liveInstances = new Set<string>();

/** True while a process with this pid exists (EPERM: it exists but is not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp folders of pipeline instances that are gone (`<pid>-<random>`): what a crash or a
 * terminated worker left half-written. Folders of live instances are left alone.
 */
export async function removeDeadTempFolders(root: string): Promise<void> {
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const pid = Number(name.split('-')[0]);
    const alive =
      Number.isInteger(pid) && pid > 0 && (pid === process.pid ? liveInstances.has(name) : isProcessAlive(pid));
    if (!alive) await rm(join(root, name), { recursive: true, force: true }).catch(() => {});
  }
}
