/** A library wired like createStudio's (real SQLite, store, cache and intake process), without the pipeline. */
import { join } from 'node:path';
import { type Db, openDatabase } from '../../../src/main/core/database/database.ts';
import { sourceEntries } from '../../../src/main/core/entries.ts';
import { EventHub } from '../../../src/main/core/events.ts';
import { IntakePool } from '../../../src/main/core/intake/intake-pool.ts';
import { forkNodeProcess } from '../../../src/main/core/intake/isolated-process.ts';
import { ActivityService } from '../../../src/main/core/library/activity-service.ts';
import { CollectionsService } from '../../../src/main/core/library/collections-service.ts';
import { LibraryService } from '../../../src/main/core/library/library-service.ts';
import { OrganiseService } from '../../../src/main/core/library/organise-service.ts';
import { silentLog } from '../../../src/main/core/log/logger.ts';
import { BlobStore } from '../../../src/main/core/store/blob-store.ts';
import { DerivedCache } from '../../../src/main/core/store/derived-cache.ts';
import { StorageService } from '../../../src/main/core/store/storage-service.ts';
import type { EventName } from '../../../src/shared/contract/index.ts';

export interface LibraryFixture {
  readonly dataDir: string;
  readonly db: Db;
  readonly store: BlobStore;
  readonly cache: DerivedCache;
  readonly events: EventHub;
  /** Every event emitted, in order. */
  readonly emitted: { event: EventName; payload: unknown }[];
  readonly activity: ActivityService;
  readonly library: LibraryService;
  readonly organise: OrganiseService;
  readonly collections: CollectionsService;
  readonly storage: StorageService;
  close(): Promise<void>;
}

export async function openLibrary(dataDir: string): Promise<LibraryFixture> {
  const store = new BlobStore(join(dataDir, 'store'));
  await store.init();
  const db = openDatabase(join(dataDir, 'library.sqlite'));
  const cache = new DerivedCache(join(dataDir, 'cache'), db);
  await cache.init();
  const events = new EventHub();
  const emitted: { event: EventName; payload: unknown }[] = [];
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  const activity = new ActivityService(db);
  const intake = new IntakePool({
    entry: sourceEntries().intakeProcess,
    spawn: forkNodeProcess,
    size: 1,
    timeoutMs: 20_000,
  });
  const library = new LibraryService({
    dataDir,
    db,
    store,
    cache,
    intake,
    events,
    activity,
    parallelism: 1,
    log: silentLog(),
  });
  const organise = new OrganiseService({ db, store, cache, events, activity });
  const collections = new CollectionsService(db, events);
  const storage = new StorageService({ dataDir, db, store, cache, activity });
  return {
    dataDir,
    db,
    store,
    cache,
    events,
    emitted,
    activity,
    library,
    organise,
    collections,
    storage,
    async close() {
      await intake.close();
      db.close();
    },
  };
}
