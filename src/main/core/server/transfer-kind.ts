import type { IncomingMessage } from 'node:http';

/** What `sendMediaFile` answered: the status and the first byte of the body it sent. */
export interface MediaSent {
  readonly status: number;
  /** First byte sent (0 unless a range asked for a later one). */
  readonly start: number;
  /** Body bytes read out to the client. */
  readonly bytes: number;
}

/** Media kinds that exist only to be looked at in the page (the grid, the details panel). */
const BROWSE_KINDS = new Set(['thumb', 'preview']);

/**
 * Whether one media request was browsing ('view'), taking a file away ('download'), or neither,
 * so the share's "who is connected" table and the activity log never count looking as downloading
 * and count each download once.
 *
 * A thumbnail or preview is a view. So is an original or output the page draws as an image (the
 * details panel shows originals and output previews inline): browsers mark those requests
 * `Sec-Fetch-Dest: image`, a header page scripts cannot set. Anything else (a download link, a zip,
 * a script or tool fetching the file) is a download. Not counted at all: HEAD, refusals (416), and
 * a range that continues a transfer already counted (resumed downloads, a viewer fetching in parts).
 */
export function transferKind(
  mediaKind: string,
  request: Pick<IncomingMessage, 'method' | 'headers'>,
  sent: MediaSent,
): 'view' | 'download' | null {
  if (request.method !== 'GET') return null;
  const fresh = sent.status === 200 || sent.status === 304 || (sent.status === 206 && sent.start === 0);
  if (!fresh) return null;
  if (BROWSE_KINDS.has(mediaKind)) return 'view';
  return request.headers['sec-fetch-dest'] === 'image' ? 'view' : 'download';
}

/**
 * Files taken away are revalidated on every request (a cheap 304 with the ETag) instead of being
 * reused from the browser's cache for a minute: a download right after the same original was shown
 * inline must reach the server to be counted. Browse-only kinds keep the short cache.
 */
export function cacheControlFor(mediaKind: string): string {
  return BROWSE_KINDS.has(mediaKind) ? 'private, max-age=60' : 'private, no-cache';
}
