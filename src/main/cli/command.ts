import type { ParseArgsConfig } from 'node:util';
import type { Studio } from '../core/studio.ts';

/** What a command gets: parsed flags, positionals, and a way to open the studio lazily. */
export interface CommandContext {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
  readonly json: boolean;
  readonly dataDir: string;
  openStudio(): Promise<Studio>;
  /** Human output: stdout unless --json, where it goes to stderr so stdout stays pure JSON. */
  log(line: string): void;
  /** The one JSON reply of a --json command. */
  reply(value: unknown): void;
}

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly options?: ParseArgsConfig['options'];
  /** Returns the process exit code. */
  run(context: CommandContext): Promise<number>;
}
