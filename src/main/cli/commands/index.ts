import type { Command } from '../command.ts';
import { importCommand } from './import.ts';
import { listCommand } from './list.ts';
import { serveCommand } from './serve.ts';

/** Every CLI command; `marque --help` lists them in this order. */
export const commands: readonly Command[] = [importCommand, listCommand, serveCommand];
