/**
 * Error codes that cross the contract boundary (IPC and HTTP).
 * The set is closed: clients switch on `code`, people read `message`.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'UNSUPPORTED_FORMAT',
  'FILE_TOO_LARGE',
  'NOT_A_FILE',
  'DECODE_FAILED',
  'DECODE_TIMEOUT',
  'PIXEL_LIMIT',
  'UNSAFE_CONTENT',
  'LIBRARY_BUSY',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CANCELLED',
  'PROCESSING_FAILED',
  'TIMEOUT',
  'RATE_LIMITED',
  'PORT_IN_USE',
  'IO_ERROR',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The wire form of an error. */
export interface ErrorEnvelope {
  readonly code: ErrorCode;
  readonly message: string;
}

/** An error with a contract code; thrown by services, re-hydrated by clients. */
export class MarqueError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MarqueError';
    this.code = code;
  }
}

/**
 * Failures that running the same work again cannot fix: the input or the options are the problem
 * (an unsupported master, a file that does not decode, options out of range). The queue offers no
 * Retry for them; the message says what to change instead.
 */
export const PERMANENT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INVALID_INPUT',
  'UNSUPPORTED_FORMAT',
  'DECODE_FAILED',
  'PIXEL_LIMIT',
  'FILE_TOO_LARGE',
  'NOT_A_FILE',
  'UNSAFE_CONTENT',
]);

/** Whether an error with this code can succeed on a second try (a timeout, a crash, a busy disk). */
export function isRetryable(code: ErrorCode | null): boolean {
  return code === null || !PERMANENT_ERROR_CODES.has(code);
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turns anything thrown into an envelope; unknown errors become INTERNAL without leaking stacks. */
export function toErrorEnvelope(error: unknown): ErrorEnvelope {
  if (error instanceof MarqueError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export function fromErrorEnvelope(envelope: unknown): MarqueError {
  if (envelope && typeof envelope === 'object') {
    const { code, message } = envelope as Record<string, unknown>;
    if (isErrorCode(code) && typeof message === 'string') return new MarqueError(code, message);
  }
  return new MarqueError('INTERNAL', 'Malformed error reply');
}
