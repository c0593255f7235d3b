import type { Handlers } from '../../../shared/contract/index.ts';
import type { ActivityService } from './activity-service.ts';
import type { CollectionsService } from './collections-service.ts';
import type { ImportExtrasMethod } from './import-extras-handlers.ts';
import type { LibraryService } from './library-service.ts';
import type { OrganiseService } from './organise-service.ts';

type LibraryMethod = Exclude<
  Extract<keyof Handlers, `library.${string}` | `collections.${string}` | `activity.${string}`>,
  ImportExtrasMethod | 'library.proof'
>;
type LibraryHandlers = Pick<Handlers, LibraryMethod>;

interface LibraryServices {
  readonly library: LibraryService;
  readonly organise: OrganiseService;
  readonly collections: CollectionsService;
  readonly activity: ActivityService;
}

/** The library's contract methods: logos, organising, collections and the activity log. */
export function libraryHandlers({ library, organise, collections, activity }: LibraryServices): LibraryHandlers {
  return {
    'library.import': async ({ paths, tags, keepSource }, context) =>
      library.importPaths(paths, tags, context.clientAddress, { keepSource }),
    'library.list': async (query) => library.list(query),
    'library.get': async ({ id }) => library.get(id),
    'library.update': async ({ id, ...patch }) => {
      organise.update(id, patch);
      return library.get(id);
    },
    'library.tag': async ({ ids, tags }) => organise.tag(ids, tags),
    'library.untag': async ({ ids, tags }) => organise.untag(ids, tags),
    'library.rate': async ({ ids, rating }) => organise.rate(ids, rating),
    'library.delete': async ({ ids }, context) => organise.trash(ids, context.clientAddress),
    'library.restore': async ({ ids }, context) => organise.restore(ids, context.clientAddress),
    'library.emptyTrash': async (_input, context) => organise.emptyTrash(context.clientAddress),
    'library.replaceMaster': async ({ id, path }, context) => library.replaceMaster(id, path, context.clientAddress),
    'library.versions': async ({ id }) => library.versions(id),
    'library.palette': async ({ id }) => organise.palette(id),
    'library.setPalette': async ({ id, colors, locked }) => organise.setPalette(id, colors, locked),
    'library.artwork': async ({ id }) => organise.artwork(id),
    'library.setArtwork': async ({ ids, background, threshold }) =>
      organise.setArtwork(ids, {
        ...(background !== undefined ? { background } : {}),
        ...(threshold !== undefined ? { threshold } : {}),
      }),
    'collections.list': async () => collections.list(),
    'collections.forLogo': async ({ logoId }) => collections.forLogo(logoId),
    'collections.create': async ({ name, parentId }) => collections.create(name, parentId ?? null),
    'collections.rename': async ({ id, name }) => collections.rename(id, name),
    'collections.move': async ({ id, parentId }) => collections.move(id, parentId),
    'collections.delete': async ({ id }) => collections.delete(id),
    'collections.restore': async ({ id }) => collections.restore(id),
    'collections.addLogos': async ({ id, logoIds }) => collections.addLogos(id, logoIds),
    'collections.removeLogos': async ({ id, logoIds }) => collections.removeLogos(id, logoIds),
    'activity.list': async (query) => activity.list(query),
    'activity.size': async () => activity.size(),
    'activity.setRetention': async ({ days }) => activity.setRetentionDays(days),
  };
}
