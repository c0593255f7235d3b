/**
 * The headless entry: the same core as the desktop app, driven from a terminal.
 * `--json` replies go to stdout alone; everything else a person reads goes to stderr then.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { MarqueError, toErrorEnvelope } from '../shared/errors.ts';
import type { CommandContext } from './cli/command.ts';
import { commands } from './cli/commands/index.ts';
import { defaultDataDir } from './core/data-dir.ts';
import { logDir } from './core/log/log-files.ts';
import { createLog, type LogHandle } from './core/log/logger.ts';
import { createStudio, type Studio } from './core/studio.ts';

const COMMON_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

function helpText(): string {
  const lines = ['Marque: keep logos and turn them into brand deliverables, offline.', '', 'Usage:'];
  for (const command of commands) lines.push(`  ${command.usage}`, `      ${command.summary}`);
  lines.push('', `Data folder: --data-dir, else MARQUE_DATA_DIR, else ${defaultDataDir()}`);
  lines.push('Log: <data folder>/logs/marque.log (`marque logs`); --verbose also prints it to stderr.');
  return lines.join('\n');
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${helpText()}\n`);
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`marque: unknown command "${name}"\n\n${helpText()}\n`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...COMMON_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`marque ${name}: ${(error as Error).message}\nUsage: ${command.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${command.usage}\n  ${command.summary}\n`);
    return 0;
  }
  const json = parsed.values.json === true;
  const dataDir = (parsed.values['data-dir'] as string | undefined) ?? defaultDataDir();
  let studio: Studio | null = null;
  let logs: LogHandle | null = null;
  const context: CommandContext = {
    values: parsed.values,
    positionals: parsed.positionals,
    json,
    dataDir,
    openStudio: async () => {
      // Commands run only the jobs they queue; `serve` is the app in a browser and runs the whole queue.
      // Logs go to the file and, for a person, to stderr: never to stdout, which --json keeps pure.
      if (!logs) {
        logs = createLog({
          dir: logDir(dataDir),
          stderr: process.stderr,
          stderrLevel: parsed.values.verbose === true ? 'info' : 'error',
        });
        const crashLog = logs.log;
        // A crash still crashes (Node prints it); the monitor only gets it into the log first.
        process.on('uncaughtExceptionMonitor', (error, origin) =>
          crashLog.fatal({ err: error, origin, command: name }, 'uncaught exception'),
        );
      }
      studio ??= await createStudio({
        dataDir,
        log: logs.log.child({ command: name }),
        pipeline: { scope: name === 'serve' ? 'all' : 'own' },
      });
      return studio;
    },
    log: (line) => (json ? process.stderr : process.stdout).write(`${line}\n`),
    reply: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
  try {
    return await command.run(context);
  } catch (error) {
    const envelope = toErrorEnvelope(error);
    (logs as LogHandle | null)?.log.error({ err: error, command: name, code: envelope.code }, 'command failed');
    if (json) context.reply({ error: envelope });
    process.stderr.write(`marque ${name}: ${envelope.message}\n`);
    return error instanceof MarqueError ? 1 : 70;
  } finally {
    await (studio as Studio | null)?.close();
    await (logs as LogHandle | null)?.close();
  }
}
