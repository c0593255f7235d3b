import type { Command } from '../command.ts';
import { cacheCommand } from './cache.ts';
import { exportCommand } from './export.ts';
import { healthCommand } from './health.ts';
import { importCommand } from './import.ts';
import { jobsCommand } from './jobs.ts';
import { listCommand } from './list.ts';
import { logsCommand } from './logs.ts';
import { printCommand } from './print.ts';
import { processCommand } from './process.ts';
import { proofCommand } from './proof.ts';
import { rmCommand } from './rm.ts';
import { serveCommand } from './serve.ts';
import { setCommand } from './set.ts';
import { statsCommand } from './stats.ts';

/** Every CLI command; `marque --help` lists them in this order. */
export const commands: readonly Command[] = [
  importCommand,
  listCommand,
  rmCommand,
  setCommand,
  statsCommand,
  healthCommand,
  cacheCommand,
  serveCommand,
  exportCommand,
  processCommand,
  proofCommand,
  jobsCommand,
  printCommand,
  logsCommand,
];
