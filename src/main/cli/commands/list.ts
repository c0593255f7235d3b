import { libraryQuery } from '../../../shared/contract/index.ts';
import { LOGO_FORMATS } from '../../../shared/domain.ts';
import type { Command } from '../command.ts';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'string' ? Number(value) : undefined);

export const listCommand: Command = {
  name: 'list',
  usage:
    'marque list [--search Q] [--tag T] [--collection ID] [--format F] [--vector|--raster] [--favorite] [--trashed] ' +
    '[--color #rrggbb [--tolerance DE]] [--sort name|date|size] [--desc] [--offset N] [--limit N] [--data-dir D] [--json]',
  summary: `List logos: full-text search, filters (format: ${LOGO_FORMATS.join(', ')}), colour search, sorted and paged.`,
  options: {
    search: { type: 'string' },
    tag: { type: 'string' },
    collection: { type: 'string' },
    format: { type: 'string' },
    vector: { type: 'boolean' },
    raster: { type: 'boolean' },
    favorite: { type: 'boolean' },
    trashed: { type: 'boolean' },
    color: { type: 'string' },
    tolerance: { type: 'string' },
    sort: { type: 'string' },
    desc: { type: 'boolean' },
    offset: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(context) {
    const v = context.values;
    const sort = { name: 'name', date: 'importedAt', size: 'byteSize' }[str(v.sort) ?? 'name'];
    const parsed = libraryQuery.safeParse({
      search: str(v.search),
      tag: str(v.tag),
      collection: str(v.collection),
      format: str(v.format),
      kind: v.vector ? 'vector' : v.raster ? 'raster' : undefined,
      favorite: v.favorite ? true : undefined,
      trashed: v.trashed ? true : undefined,
      color: str(v.color),
      colorTolerance: num(v.tolerance),
      sort: sort ?? 'invalid',
      order: v.desc ? 'desc' : 'asc',
      offset: num(v.offset) ?? 0,
      limit: num(v.limit) ?? 500,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      context.log(`marque list: ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`);
      return 2;
    }
    const studio = await context.openStudio();
    const page = studio.library.list(parsed.data);
    if (context.json) {
      context.reply({ total: page.total, offset: page.offset, limit: page.limit, logos: page.items });
      return 0;
    }
    for (const logo of page.items) {
      const size = `${logo.width}x${logo.height}`.padEnd(11);
      context.log(
        `${logo.id}  ${logo.format.padEnd(4)}  ${size}  ${logo.name}${logo.tags.length ? `  [${logo.tags.join(', ')}]` : ''}`,
      );
    }
    context.log(`${page.items.length} of ${page.total} logos`);
    return 0;
  },
};
