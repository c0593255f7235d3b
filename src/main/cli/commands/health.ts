import type { Command } from '../command.ts';

export const healthCommand: Command = {
  name: 'health',
  usage: 'marque health [--data-dir D] [--json]',
  summary: 'Storage health: healthy, warning or error, with reasons. Exit code 1 on error.',
  async run(context) {
    const studio = await context.openStudio();
    // Reconciliation (quarantine, missing originals) feeds the verdict: wait for it.
    await studio.reconciled;
    const health = await studio.storage.health();
    if (context.json) context.reply(health);
    else {
      context.log(health.status);
      for (const reason of health.reasons) context.log(`  ${reason.status}: ${reason.message}`);
    }
    return health.status === 'error' ? 1 : 0;
  },
};
