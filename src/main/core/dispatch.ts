import {
  type CallContext,
  type Handlers,
  isMethodName,
  type MethodName,
  methods,
} from '../../shared/contract/index.ts';
import { type ErrorEnvelope, MarqueError, toErrorEnvelope } from '../../shared/errors.ts';

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
    return { ok: false, error: toErrorEnvelope(error) };
  }
}
