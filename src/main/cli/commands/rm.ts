import type { Command } from '../command.ts';

export const rmCommand: Command = {
  name: 'rm',
  usage: 'marque rm <ID…> [--restore] [--empty-trash] [--data-dir D] [--json]',
  summary: 'Move logos to the Trash (--restore brings them back; --empty-trash then deletes trashed logos for good).',
  options: { restore: { type: 'boolean' }, 'empty-trash': { type: 'boolean' } },
  async run(context) {
    const ids = [...context.positionals];
    const emptyTrash = context.values['empty-trash'] === true;
    if (ids.length === 0 && !emptyTrash) {
      context.log('marque rm: give at least one logo id (see marque list)');
      return 2;
    }
    const studio = await context.openStudio();
    const reply: Record<string, unknown> = {};
    if (ids.length > 0) {
      if (context.values.restore) {
        const { restored } = studio.organise.restore(ids);
        reply.restored = restored;
        context.log(`${restored} restored from the Trash`);
      } else {
        const { trashed } = studio.organise.trash(ids);
        reply.trashed = trashed;
        context.log(
          `${trashed} moved to the Trash${trashed < ids.length ? ` (${ids.length - trashed} already there)` : ''}`,
        );
      }
    }
    if (emptyTrash) {
      const report = studio.organise.emptyTrash();
      reply.emptyTrash = report;
      context.log(
        `Trash emptied: ${report.purgedLogos} logo(s), ${report.purgedOriginals} stored original(s), ${report.freedBytes} bytes freed`,
      );
    }
    if (context.json) context.reply(reply);
    return 0;
  },
};
