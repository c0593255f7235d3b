import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { CLI_ENTRY } from './node24.ts';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `marque` as a real process on this Node (24) and returns its exit code and output. */
export function runMarque(
  args: readonly string[],
  { env, timeout = 60_000 }: { readonly env?: NodeJS.ProcessEnv; readonly timeout?: number } = {},
): CliResult {
  const result = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', CLI_ENTRY, ...args], {
    encoding: 'utf8',
    timeout,
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `run(...args, '--json')`, which must succeed, parsed. */
export function marqueJson<T>(run: (...args: string[]) => CliResult, ...args: string[]): T {
  const { code, stdout, stderr } = run(...args, '--json');
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as T;
}
