import { MarqueError } from '../../../shared/errors.ts';

// Characters no file system of ours accepts in a name, plus control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const FORBIDDEN = /[\u0000-\u001f\u007f<>:"\\|?*]/;
const MAX_DEPTH = 6;
const MAX_LENGTH = 400;

/**
 * Checks a '/'-separated path inside an output folder: relative, no '.', '..' or hidden segments,
 * no characters Windows or macOS refuse. Used on what processors return and on download requests.
 * Returns the segments.
 */
export function outputPathSegments(path: string): string[] {
  if (typeof path !== 'string' || path.length === 0 || path.length > MAX_LENGTH)
    throw badPath(path, 'empty or too long');
  if (FORBIDDEN.test(path)) throw badPath(path, 'contains a character file systems refuse');
  const segments = path.split('/');
  if (segments.length > MAX_DEPTH) throw badPath(path, 'nested too deep');
  for (const segment of segments) {
    if (segment.length === 0) throw badPath(path, 'empty segment or absolute path');
    if (segment.startsWith('.')) throw badPath(path, 'hidden or parent segment');
    if (segment !== segment.trim() || segment.endsWith('.')) throw badPath(path, 'segment ends in a space or dot');
    if (segment.length > 120) throw badPath(path, 'segment too long');
  }
  return segments;
}

function badPath(path: string, reason: string): MarqueError {
  return new MarqueError('INVALID_INPUT', `Output path "${String(path).slice(0, 120)}" refused: ${reason}`);
}
