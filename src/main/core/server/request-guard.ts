import type { IncomingMessage } from 'node:http';
import { MarqueError } from '../../../shared/errors.ts';

/** The one endpoint whose body is a file's bytes rather than JSON. */
export const UPLOAD_PATH = '/api/library.upload';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `application/json; charset=utf-8` -> `application/json`. */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The content type an unsafe request to `pathname` must carry: JSON, or raw bytes for an upload. */
export function requiredContentType(pathname: string): string {
  return pathname === UPLOAD_PATH ? 'application/octet-stream' : 'application/json';
}

/**
 * Cross-site request forgery and cross-site embedding, refused (403) before the token is looked at
 * or any handler runs. Both servers (browser mode and the teammate share) call this first.
 *
 * Why these rules: `SameSite=Strict` does not separate ports, so a page on another loopback port
 * is "same-site" and its requests carry our session cookie. What tells such a request apart:
 * - Unsafe methods (anything but GET/HEAD): a browser always sends `Origin` on them, same-origin
 *   fetches included, so `Origin` must be this server's own origin, and `Sec-Fetch-Site`, when
 *   sent, must be `same-origin`. The body must be `application/json` (`application/octet-stream`
 *   for an upload): neither is a type a form or a `no-cors` fetch can send, so a cross-origin page
 *   can only send them after a CORS preflight, which this server never grants.
 * - Requests with neither `Origin` nor `Sec-Fetch-Site` come from programs, not browsers (curl,
 *   scripts with `Authorization: Bearer`): browsers cannot be made to omit both on a POST, so these
 *   are judged by their token alone, like any API client.
 * - Safe methods (GET/HEAD: pages, media, the event stream, the `?token=` link) have no side
 *   effects beyond setting the session cookie and the share's download log. A browser request from
 *   another site is served only as a top-level navigation (a teammate clicking the link in a chat),
 *   never as an embedded image, script, frame or `EventSource`
 *   (fetch-metadata resource isolation).
 */
export function refuseCrossSiteRequest(request: IncomingMessage, pathname: string): void {
  const method = (request.method ?? 'GET').toUpperCase();
  const site = header(request, 'sec-fetch-site')?.toLowerCase();
  if (SAFE_METHODS.has(method)) {
    if (site === undefined || site === 'same-origin' || site === 'none') return;
    const topLevel =
      header(request, 'sec-fetch-mode')?.toLowerCase() === 'navigate' &&
      header(request, 'sec-fetch-dest')?.toLowerCase() === 'document';
    if (!topLevel) throw new MarqueError('FORBIDDEN', 'Requests from another site are refused');
    return;
  }
  const origin = header(request, 'origin');
  const own = `http://${header(request, 'host') ?? ''}`.toLowerCase();
  if (origin !== undefined && origin.toLowerCase() !== own)
    throw new MarqueError('FORBIDDEN', 'Requests from another origin are refused');
  if (site !== undefined && site !== 'same-origin')
    throw new MarqueError('FORBIDDEN', 'Requests from another site are refused');
  const required = requiredContentType(pathname);
  if (mediaType(header(request, 'content-type')) !== required)
    throw new MarqueError('FORBIDDEN', `${method} requests must be sent as ${required}`);
}
