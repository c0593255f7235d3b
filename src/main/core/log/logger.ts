import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import pino, { type Logger } from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import { formatLine } from './pretty.ts';
import { REDACT_PATHS, REDACTED, scrubSecrets } from './redact.ts';

/** The structured logger every core module is handed (never imported as a global). */
export type Log = Logger;

export const LOG_FILE = 'marque.log';

export interface LogOptions {
  /** Folder of the log files (`<data folder>/logs`); null logs to no file. */
  readonly dir: string | null;
  /** Also write human-readable lines to this stream (the CLI's stderr), at `stderrLevel` and above. */
  readonly stderr?: NodeJS.WritableStream;
  readonly stderrLevel?: pino.Level;
  /** Lowest level written to the file. Default: MARQUE_LOG_LEVEL, else info. */
  readonly level?: pino.Level;
  /** Rotate past this size (rotating-file-stream syntax, e.g. '5M'); tests pass a few KB. */
  readonly maxFileSize?: string;
  /** Files kept in all, the live one included. */
  readonly maxFiles?: number;
}

export interface LogHandle {
  readonly log: Log;
  /** The live log file, or null when logging to no file. */
  readonly file: string | null;
  /** Flushes and closes the file (the CLI awaits it before exiting). */
  close(): Promise<void>;
}

/** Files of at most 5 MB, five in all: enough history for a bug report, bounded on disk. */
export const LOG_LIMITS = { maxFileSize: '5M', maxFiles: 5 } as const;

/**
 * Creates the host's logger: JSON lines into `<dir>/marque.log`, rotated in process (no worker
 * thread transport, which Electron's bundle cannot load), every line scrubbed of tokens.
 */
export function createLog(options: LogOptions): LogHandle {
  const level = options.level ?? envLevel() ?? 'info';
  const streams: pino.StreamEntry[] = [];
  let file: RotatingFileStream | null = null;
  if (options.dir && usableDir(options.dir)) {
    const maxFiles = options.maxFiles ?? LOG_LIMITS.maxFiles;
    // Classic logrotate naming: marque.log, marque.log.1 (newest rotated) … marque.log.4.
    file = createStream((index: number | Date | null) => (index ? `${LOG_FILE}.${Number(index)}` : LOG_FILE), {
      path: options.dir,
      size: options.maxFileSize ?? LOG_LIMITS.maxFileSize,
      rotate: maxFiles - 1,
    });
    // A log that cannot be written (disk full, folder removed) must never take the app down;
    // it is said once on stderr, the one place left to say it.
    let told = false;
    file.on('error', (error: Error) => {
      if (told) return;
      told = true;
      process.stderr.write(`marque: the log in ${options.dir} cannot be written (${error.message})\n`);
    });
    streams.push({ level, stream: scrubbing(file) });
  }
  if (options.stderr) {
    const out = options.stderr;
    streams.push({
      level: options.stderrLevel ?? 'warn',
      stream: lineWriter((line) => out.write(`${formatLine(scrubSecrets(line))}\n`)),
    });
  }
  const log =
    streams.length === 0
      ? pino({ enabled: false })
      : pino(
          {
            level: lowest(streams.map((s) => s.level as pino.Level)),
            base: { pid: process.pid },
            redact: { paths: [...REDACT_PATHS], censor: REDACTED },
            serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
          },
          pino.multistream(streams),
        );
  return {
    log,
    file: file && options.dir ? join(options.dir, LOG_FILE) : null,
    async close() {
      if (!file) return;
      if (!file.writableEnded) file.end();
      // Settles however the stream ends; a write error was already said on stderr above.
      await finished(file).catch(() => undefined);
    },
  };
}

/** A logger that drops everything: the default for tests and tools that do not care. */
export function silentLog(): Log {
  return pino({ enabled: false });
}

/** Creates the log folder; when it cannot be (a file in the way, no permission), says so and logs to no file. */
function usableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    return true;
  } catch (error) {
    process.stderr.write(`marque: no log file, ${dir} cannot be created (${(error as Error).message})\n`);
    return false;
  }
}

function envLevel(): pino.Level | undefined {
  const value = process.env.MARQUE_LOG_LEVEL;
  return value && value in pino.levels.values ? (value as pino.Level) : undefined;
}

function lowest(levels: readonly pino.Level[]): pino.Level {
  const rank = (level: pino.Level) => pino.levels.values[level] ?? 0;
  return levels.reduce((a, b) => (rank(a) <= rank(b) ? a : b));
}

/** Wraps a stream so every line is scrubbed of tokens before it is written. */
function scrubbing(target: NodeJS.WritableStream): { write(line: string): void } {
  return { write: (line) => void target.write(scrubSecrets(line)) };
}

function lineWriter(write: (line: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      for (const line of String(chunk).split('\n')) if (line) write(line);
      callback();
    },
  });
}
