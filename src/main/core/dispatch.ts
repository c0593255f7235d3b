import {
  type CallContext,
  type Handlers,
  isMethodName,
  type MethodName,
  methods,
} from '../../shared/contract/index.ts';
import { type ErrorCode, type ErrorEnvelope, MarqueError, toErrorEnvelope } from '../../shared/errors.ts';
import { type Log, silentLog } from './log/logger.ts';

/** Codes that describe the call rather than a failure of the work. */
const CALLER_ERRORS: ReadonlySet<ErrorCode> = new Set([
  'INVALID_INPUT',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CANCELLED',
  'RATE_LIMITED',
]);

export type DispatchResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: ErrorEnvelope };

/**
 * Validates and runs one contract call. Both transports go through here, so validation,
 * access rules and error envelopes are the same for IPC and HTTP.
 */
export async function dispatch(
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  context: CallContext,
  allowed: (name: MethodName) => boolean = () => true,
  log: Log = silentLog(),
): Promise<DispatchResult> {
  try {
    if (!isMethodName(name) || !allowed(name))
      throw new MarqueError('NOT_FOUND', `No such method: ${name.slice(0, 80)}`);
    const spec = methods[name];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      throw new MarqueError('INVALID_INPUT', `${name}: ${where}${issue?.message ?? 'invalid input'}`);
    }
    const handler = handlers[name] as (input: unknown, context: CallContext) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data, context) };
  } catch (error) {
    const envelope = toErrorEnvelope(error);
    // A MarqueError is an answer the caller shows: a caller's mistake (bad input, a missing logo)
    // is debug; a failure of the work itself (a full disk, a recipe that failed) is a warning; any
    // other error is a bug, logged with its stack so a bug report has something to go on.
    const method = name.slice(0, 80);
    if (!(error instanceof MarqueError) || envelope.code === 'INTERNAL')
      log.error({ err: error, method, code: envelope.code }, 'contract call failed');
    else if (CALLER_ERRORS.has(envelope.code)) log.debug({ method, code: envelope.code }, envelope.message);
    else log.warn({ method, code: envelope.code, reason: envelope.message }, 'contract call failed');
    return { ok: false, error: envelope };
  }
}
