import type { Command } from '../command.ts';
import { libraryQuery } from '../../../shared/contract/index.ts';

export const listCommand: Command = {
  name: 'list',
  usage: 'marque list [--search Q] [--tag T] [--limit N] [--data-dir D] [--json]',
  summary: 'List logos in the library.',
  options: { search: { type: 'string' }, tag: { type: 'string' }, limit: { type: 'string' } },
  async run(context) {
    const studio = await context.openStudio();
    const query = libraryQuery.parse({
      search: context.values.search,
      tag: context.values.tag,
      limit: context.values.limit ? Number(context.values.limit) : 500,
      sort: 'name',
      order: 'asc',
    });
    const page = studio.library.list(query);
    if (context.json) {
      context.reply({ total: page.total, logos: page.items });
      return 0;
    }
    for (const logo of page.items) {
      const size = `${logo.width}x${logo.height}`.padEnd(11);
      context.log(`${logo.id}  ${logo.format.padEnd(4)}  ${size}  ${logo.name}${logo.tags.length ? `  [${logo.tags.join(', ')}]` : ''}`);
    }
    context.log(`${page.items.length} of ${page.total} logos`);
    return 0;
  },
};
