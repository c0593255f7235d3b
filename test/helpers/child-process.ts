/**
 * Runs a TypeScript child script on Node 24 and reads the JSON lines it prints, so a crash test
 * can kill it with SIGKILL at a chosen moment.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';

export interface LineChild {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** Every JSON line printed so far. */
  readonly lines: Record<string, unknown>[];
  /** Resolves when `predicate` holds for the lines so far (checked on each new line); rejects on exit or timeout. */
  until(predicate: (lines: readonly Record<string, unknown>[]) => boolean, ms: number): Promise<void>;
  /** SIGKILL, then waits for the exit; returns the signal. */
  kill(): Promise<NodeJS.Signals | null>;
  /** stderr so far, for failure messages. */
  stderr(): string;
}

export function startLineChild(script: string, args: readonly string[]): LineChild {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let err = '';
  let buffer = '';
  const waiters = new Set<() => void>();
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    for (const wake of waiters) wake();
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    err += chunk;
  });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) if (part.startsWith('{')) lines.push(JSON.parse(part) as Record<string, unknown>);
    for (const wake of waiters) wake();
  });
  return {
    child,
    lines,
    stderr: () => err,
    until(predicate, ms) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`child: condition not reached in ${ms} ms; stderr: ${err.slice(-2000)}`));
        }, ms);
        const check = () => {
          if (predicate(lines)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          } else if (hasExited) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`child exited early; stderr: ${err.slice(-2000)}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    async kill() {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Direct children of a process (from /proc), for checking that grandchildren do not outlive a kill. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Whether a process is still running (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}
