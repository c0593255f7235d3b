import { MarqueError } from '../../../shared/errors.ts';

/**
 * Errors that are about the destination's disk, not about one file: once one of these happens
 * every further file would fail the same way, so the export stops and takes back what it wrote.
 */
const WHOLE_DISK: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
};

const REASONS: Readonly<Record<string, string>> = {
  ...WHOLE_DISK,
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a file is in the way of a folder',
  ENAMETOOLONG: 'the path is too long',
  EIO: 'the disk reported an input/output error',
};

function errnoOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && !(error instanceof MarqueError) ? code : undefined;
}

/** A person's words for a file-system error code, with the code: "the disk is full (ENOSPC)". */
export function describeIoError(error: unknown): string {
  const code = errnoOf(error);
  if (!code) return error instanceof Error ? error.message : String(error);
  return REASONS[code] ? `${REASONS[code]} (${code})` : code;
}

/** True for errors that doom every file of the export (full, over quota, read-only). */
export function isWholeDiskError(error: unknown): boolean {
  const code = errnoOf(error);
  return code !== undefined && code in WHOLE_DISK;
}

/** The error an export ends with when its destination's disk refused it. */
export function diskFailure(destination: string, error: unknown, detail: string): MarqueError {
  return new MarqueError('IO_ERROR', `Cannot export to ${destination}: ${describeIoError(error)}. ${detail}`, {
    cause: error,
  });
}
