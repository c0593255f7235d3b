import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { ErrorCode, ErrorEnvelope } from '../../../shared/errors.ts';

const STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  UNSUPPORTED_FORMAT: 415,
  FILE_TOO_LARGE: 413,
  NOT_A_FILE: 400,
  DECODE_FAILED: 422,
  DECODE_TIMEOUT: 422,
  PIXEL_LIMIT: 413,
  UNSAFE_CONTENT: 422,
  LIBRARY_BUSY: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CANCELLED: 409,
  PROCESSING_FAILED: 500,
  TIMEOUT: 504,
  RATE_LIMITED: 429,
  PORT_IN_USE: 409,
  IO_ERROR: 500,
  INTERNAL: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** Headers on every response (docs/security.md: nosniff, no framing, no referrer, strict CSP). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/** Sends JSON; gzip when the client accepts it and the body is big enough to gain from it. */
export function sendJson(response: ServerResponse, status: number, body: unknown, acceptEncoding = ''): void {
  const text = Buffer.from(JSON.stringify(body), 'utf8');
  const gzip = text.length > 256 && /\bgzip\b/.test(acceptEncoding);
  const payload = gzip ? gzipSync(text, { level: 4 }) : text;
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': payload.length,
    'Cache-Control': 'no-store',
    Vary: 'Accept-Encoding',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  response.end(payload);
}

export function sendError(response: ServerResponse, error: ErrorEnvelope): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendJson(response, statusOf(error.code), { error });
}
