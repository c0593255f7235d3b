/**
 * Small tmpfs mounts for fault tests (a full disk, a read-only disk). Tests run as root here;
 * where `mount` is not allowed (containers without CAP_SYS_ADMIN, CI as a normal user) the
 * caller skips with the reason this returns.
 */
import { spawnSync } from 'node:child_process';

/** Mounts a tmpfs of `options` (e.g. `size=512k`, `size=1m,ro`) on `dir`; returns null, or why it could not. */
export function mountTmpfs(dir: string, options: string): string | null {
  const run = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (run.error) return `mount is not available (${run.error.message})`;
  if (run.status !== 0) return `mount -t tmpfs -o ${options} failed: ${run.stderr.trim() || `exit ${run.status}`}`;
  return null;
}

/** Unmounts (lazily, so a file still open in a test cannot keep the mount). */
export function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir]);
}

/** Whether `dir` is a mount point now. */
export function isMounted(dir: string): boolean {
  const run = spawnSync('mountpoint', ['-q', dir]);
  return run.status === 0;
}
