import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'marque_token';

/** A 256-bit random token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison, so response timing does not leak how much of a guess was right. */
export function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Every value of the named cookie. A page on another port of the same host can set cookies this
 * server receives (cookies ignore ports), so a planted `marque_token` must not hide the real one.
 */
export function cookieValues(request: IncomingMessage, name: string): string[] {
  const header = request.headers.cookie;
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index <= 0 || part.slice(0, index).trim() !== name) continue;
    try {
      values.push(decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // A malformed escape (`%`, `%E0%A4%A`) is no token at all: 401, not a server error.
    }
  }
  return values;
}

/** The tokens a request carries: `Authorization: Bearer …` and the session cookie(s). */
export function presentedTokens(request: IncomingMessage): string[] {
  const auth = request.headers.authorization;
  const bearer = auth?.startsWith('Bearer ') ? [auth.slice(7).trim()] : [];
  return [...bearer, ...cookieValues(request, TOKEN_COOKIE)].filter((token) => token !== '');
}

export function sessionCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
