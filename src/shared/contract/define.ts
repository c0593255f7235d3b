import type { z } from 'zod';
import type { TransportMode } from '../domain.ts';

/**
 * Who may call a method. `read` methods are served by the teammate share too;
 * `write` methods only by the desktop window and browser mode on loopback.
 */
export type Access = 'read' | 'write';

/** One contract method: its validated input, its reply type (phantom) and its access. */
export interface MethodSpec<Input extends z.ZodType, Reply> {
  readonly input: Input;
  readonly access: Access;
  readonly summary: string;
  /** Phantom: carries the reply type; never set at run time. */
  readonly reply?: Reply;
}

/** Declares a method; the reply type is given explicitly, the input is inferred from the schema. */
export function method<Reply>() {
  return <Input extends z.ZodType>(spec: { input: Input; access: Access; summary: string }): MethodSpec<Input, Reply> =>
    spec;
}

/** One contract event: a name and a payload type (phantom). */
export interface EventSpec<Payload> {
  readonly summary: string;
  /** Like a method's access: 'write' events (e.g. who is on the share) never reach teammates. */
  readonly access: Access;
  readonly payload?: Payload;
}

export function event<Payload>(summary: string, access: Access = 'read'): EventSpec<Payload> {
  return { summary, access };
}

/** What a handler knows about its caller. */
export interface CallContext {
  readonly mode: TransportMode;
  /** Remote address for HTTP callers (audit log); null for IPC and in-process callers. */
  readonly clientAddress: string | null;
}
