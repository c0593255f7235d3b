import type { Handlers } from '../../../shared/contract/index.ts';
import type { SmartCollectionsService } from './smart-collections-service.ts';
import type { TagsService } from './tags-service.ts';

type OrganiseMethod = Extract<keyof Handlers, `smartCollections.${string}` | `tags.${string}`>;

/** Smart collections (saved searches) and the tag manager. */
export function organiseHandlers(services: {
  readonly smartCollections: SmartCollectionsService;
  readonly tags: TagsService;
}): Pick<Handlers, OrganiseMethod> {
  const { smartCollections, tags } = services;
  return {
    'smartCollections.list': async () => smartCollections.list(),
    'smartCollections.create': async ({ name, query }) => smartCollections.create(name, query),
    'smartCollections.rename': async ({ id, name }) => smartCollections.rename(id, name),
    'smartCollections.delete': async ({ id }) => smartCollections.delete(id),
    'tags.list': async () => tags.list(),
    'tags.rename': async ({ from, to }) => tags.rename(from, to),
    'tags.delete': async ({ tag }) => tags.delete(tag),
  };
}
