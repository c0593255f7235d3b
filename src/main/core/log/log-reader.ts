import { open, stat } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { logDir, logFiles } from './log-files.ts';
import { LOG_FILE } from './logger.ts';

/** The last `count` lines of a data folder's log, across rotated files, oldest first. */
export async function lastLogLines(dataDir: string, count: number): Promise<string[]> {
  const lines: string[] = [];
  for (const file of (await logFiles(dataDir)).reverse()) {
    const text = await readWhole(file);
    const fileLines = text.split('\n').filter(Boolean);
    lines.unshift(...fileLines.slice(Math.max(0, fileLines.length - (count - lines.length))));
    if (lines.length >= count) break;
  }
  return lines;
}

async function readWhole(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Calls `onLine` for each line appended to the live log until `signal` aborts. Polls (fs.watch
 * misses writes on some file systems and loses the file at rotation); when the file shrinks it
 * was rotated, so reading starts again from its beginning. Reads at most 1 MiB per poll.
 */
export async function followLog(
  dataDir: string,
  onLine: (line: string) => void,
  signal: AbortSignal,
  intervalMs = 200,
): Promise<void> {
  const file = `${logDir(dataDir)}/${LOG_FILE}`;
  let offset = (await stat(file).catch(() => null))?.size ?? 0;
  let partial = '';
  while (!signal.aborted) {
    const size = (await stat(file).catch(() => null))?.size ?? 0;
    if (size < offset) {
      offset = 0;
      partial = '';
    }
    if (size > offset) {
      const handle = await open(file, 'r');
      try {
        const buffer = Buffer.alloc(Math.min(size - offset, 1024 * 1024));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        offset += bytesRead;
        const lines = (partial + buffer.subarray(0, bytesRead).toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) if (line) onLine(line);
      } finally {
        await handle.close();
      }
      continue;
    }
    await delay(intervalMs, undefined, { signal }).catch(() => {
      // Aborted: the loop condition ends the follow.
    });
  }
}
