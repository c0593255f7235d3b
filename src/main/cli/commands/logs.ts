import { logDir } from '../../core/log/log-files.ts';
import { followLog, lastLogLines } from '../../core/log/log-reader.ts';
import { formatLine } from '../../core/log/pretty.ts';
import type { Command } from '../command.ts';

export const logsCommand: Command = {
  name: 'logs',
  usage: 'marque logs [--follow] [--lines N] [--data-dir D] [--json]',
  summary:
    'Print the last lines of the log (default 100) as text, or as JSON lines with --json; --follow keeps printing new lines until Ctrl+C.',
  options: { follow: { type: 'boolean', short: 'f', default: false }, lines: { type: 'string' } },
  async run(context) {
    const count = context.values.lines === undefined ? 100 : Number(context.values.lines);
    if (!Number.isInteger(count) || count < 0 || count > 100_000) {
      context.log('marque logs: --lines takes a whole number from 0 to 100000');
      return 2;
    }
    // The log is this command's output, so it goes to stdout (raw JSON lines with --json).
    const print = (line: string) => process.stdout.write(`${context.json ? line : formatLine(line)}\n`);
    const lines = await lastLogLines(context.dataDir, count);
    if (lines.length === 0 && context.values.follow !== true) {
      process.stderr.write(`marque logs: nothing logged yet in ${logDir(context.dataDir)}\n`);
      return 0;
    }
    for (const line of lines) print(line);
    if (context.values.follow !== true) return 0;
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      await followLog(context.dataDir, print, stop.signal);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    return 0;
  },
};
