#!/usr/bin/env node
// Runs the CLI from the TypeScript sources: Node 24 strips types natively (see README).
// The version check comes first, in plain JavaScript, so an older Node says what it needs instead
// of failing on the .ts import below with ERR_UNKNOWN_FILE_EXTENSION.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  process.stderr.write(
    `marque: needs Node 24 (the Node inside Electron 45); this is Node ${process.versions.node}.\n` +
      'Install Node 24 (https://nodejs.org or your version manager) and run the command again.\n',
  );
  process.exit(1);
}
// Cache V8's compiled code between runs (a folder in the OS temp dir, checked against each
// file's content): the CLI loads a few hundred modules, and this halves its start-up.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
const { runCli } = await import('../src/main/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
