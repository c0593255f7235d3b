/**
 * What must never reach a log: share and session tokens. Structured fields are censored by path
 * (pino `redact`); anything that slipped into free text (a link in a message, a URL in an error)
 * is scrubbed line by line before the line is written.
 */

export const REDACTED = '[redacted]';

/** Field paths censored wherever a logger call puts them (top level and one level down). */
export const REDACT_PATHS: readonly string[] = [
  'token',
  'link',
  'secret',
  'password',
  'cookie',
  'authorization',
  '*.token',
  '*.link',
  '*.secret',
  '*.password',
  '*.cookie',
  '*.authorization',
  'headers.cookie',
  'headers.authorization',
  'req.headers.cookie',
  'req.headers.authorization',
];

// `token=…` in a query string or a cookie header, and a bearer credential; the value runs to the
// next delimiter a URL, a cookie or a JSON string would end it with.
const SECRET_IN_TEXT = /\b(\w*token)=[^&\s"';,\\]+/gi;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/g;

/** One line of text with every token value replaced. */
export function scrubSecrets(text: string): string {
  return text.replace(SECRET_IN_TEXT, `$1=${REDACTED}`).replace(BEARER, `$1 ${REDACTED}`);
}
