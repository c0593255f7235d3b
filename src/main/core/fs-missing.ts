/** ENOENT and ENOTDIR: the path is simply not there. */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * A `.catch` for "use this when the path does not exist": any other failure (permissions, a
 * failing disk, a full one) is thrown on, so it is reported instead of read as "nothing here".
 * An empty listing on EACCES would, for instance, make start-up reconciliation think every
 * stored original was gone.
 */
export function unlessMissing<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if (isMissing(error)) return fallback;
    throw error;
  };
}
