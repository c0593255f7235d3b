import type { Handlers } from '../../../shared/contract/index.ts';
import type { StorageService } from './storage-service.ts';

type StorageHandlers = Pick<Handlers, Extract<keyof Handlers, `storage.${string}`>>;

/** The storage contract methods: stats, health, clearing and capping the derived cache. */
export function storageHandlers(storage: StorageService): StorageHandlers {
  return {
    'storage.stats': async () => storage.stats(),
    'storage.health': async () => storage.health(),
    'storage.clear': async ({ olderThanDays }) => storage.clear(olderThanDays),
    'storage.setCap': async ({ bytes }) => storage.setCap(bytes),
  };
}
