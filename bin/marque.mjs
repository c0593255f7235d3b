#!/usr/bin/env node
// Runs the CLI from the TypeScript sources: Node 24 strips types natively (see README).
import { runCli } from '../src/main/cli.ts';

process.exitCode = await runCli(process.argv.slice(2));
