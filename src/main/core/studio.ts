import { mkdir } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { Handlers } from '../../shared/contract/index.ts';
import { APP_VERSION, appHandlers } from './app-handlers.ts';
import { logoInksOf, readLogoInks, writeLogoInks } from './colour/logo-inks.ts';
import { printHandlers } from './colour/print-handlers.ts';
import { PrintService } from './colour/print-service.ts';
import { type Db, openDatabase, schemaVersion } from './database/database.ts';
import { desktopHandlers } from './desktop/desktop-handlers.ts';
import type { DesktopHost } from './desktop/desktop-host.ts';
import { Handout } from './desktop/handout.ts';
import { OpenedFilesService } from './desktop/opened-files.ts';
import { type CoreEntries, sourceEntries } from './entries.ts';
import { EventHub } from './events.ts';
import { exportHandlers } from './exporter/export-handlers.ts';
import { ExportJournal } from './exporter/export-journal.ts';
import { ExportService } from './exporter/export-service.ts';
import { type Intake, IntakePool } from './intake/intake-pool.ts';
import { forkNodeProcess, type IsolatedProcessFactory } from './intake/isolated-process.ts';
import { ActivityService } from './library/activity-service.ts';
import { CollectionsService } from './library/collections-service.ts';
import { DuplicateFinder } from './library/duplicate-finder.ts';
import { EagleImporter } from './library/eagle-import.ts';
import { importExtrasHandlers } from './library/import-extras-handlers.ts';
import { libraryHandlers } from './library/library-handlers.ts';
import { LibraryService, THUMB_KIND, thumbKey } from './library/library-service.ts';
import { organiseHandlers } from './library/organise-handlers.ts';
import { OrganiseService } from './library/organise-service.ts';
import { SmartCollectionsService } from './library/smart-collections-service.ts';
import { TagsService } from './library/tags-service.ts';
import { type Log, silentLog } from './log/logger.ts';
import { MediaRegistry } from './media.ts';
import { createPipeline, type PipelineOptions } from './pipeline/create-pipeline.ts';
import { faviconHandlers } from './pipeline/favicon-handlers.ts';
import { paletteFromLibrary, recordJobFacts } from './pipeline/library-bridge.ts';
import { resolveOutputMedia } from './pipeline/output-media.ts';
import { jobsHandlers } from './pipeline/pipeline-handlers.ts';
import type { PipelineService } from './pipeline/pipeline-service.ts';
import { proofHandlers } from './pipeline/proof-handlers.ts';
import { startMarqueServer } from './server/http-server.ts';
import { Settings } from './settings.ts';
import type { SecretStorage } from './share/secret-storage.ts';
import { shareHandlers } from './share/share-handlers.ts';
import { ShareService } from './share/share-service.ts';
import { BlobStore } from './store/blob-store.ts';
import { DerivedCache } from './store/derived-cache.ts';
import { storageHandlers } from './store/storage-handlers.ts';
import { type ReconcileReport, StorageService } from './store/storage-service.ts';

export interface StudioOptions {
  readonly dataDir: string;
  /** How the host starts isolated processes (Electron: utilityProcess). Default: child_process.fork. */
  readonly spawn?: IsolatedProcessFactory;
  readonly entries?: Partial<CoreEntries>;
  readonly intakeProcesses?: number;
  readonly intakeTimeoutMs?: number;
  /** Worker pool size, task timeout, scope ('own' for the CLI), extra processor modules. */
  readonly pipeline?: PipelineOptions;
  /** The built renderer the share serves to teammates (default: out/renderer of the checkout). */
  readonly staticDir?: string;
  /** The host's logger (Electron and the CLI write `<data folder>/logs/marque.log`); default: silent. */
  readonly log?: Log;
  /** Open and reveal files in the OS (Electron's shell); absent elsewhere, where files are downloaded. */
  readonly desktop?: DesktopHost;
  /** Seals the share token at rest (Electron: safeStorage); without it the token is stored in plain text. */
  readonly secrets?: SecretStorage;
}

/** Everything the app is, without Electron: what the shell, the CLI, the server and tests drive. */
export interface Studio {
  readonly dataDir: string;
  readonly db: Db;
  readonly log: Log;
  readonly events: EventHub;
  readonly library: LibraryService;
  readonly organise: OrganiseService;
  readonly collections: CollectionsService;
  readonly smartCollections: SmartCollectionsService;
  readonly tags: TagsService;
  /** The activity log; `recordActivity` for exports and share downloads. */
  readonly activity: ActivityService;
  readonly storage: StorageService;
  /** The start-up reconciliation of store and cache against the database (null if it failed). */
  readonly reconciled: Promise<ReconcileReport | null>;
  readonly store: BlobStore;
  readonly cache: DerivedCache;
  /** Files the transports may serve by id: `/media/<kind>/<id>`. */
  readonly media: MediaRegistry;
  /** The job queue and worker pool (recipes). */
  readonly pipeline: PipelineService;
  /** Batch export of recipe outputs to folders or one zip. */
  readonly exporter: ExportService;
  readonly settings: Settings;
  readonly print: PrintService;
  /** The teammate share (off until started). */
  readonly share: ShareService;
  /** Files opened with Marque: imported, the report kept until a window shows it. */
  readonly opened: OpenedFilesService;
  readonly handlers: Handlers;
  close(): Promise<void>;
}

/** Composition root: opens the data folder and wires the services. */
export async function createStudio(options: StudioOptions): Promise<Studio> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? silentLog();
  await mkdir(dataDir, { recursive: true });
  const entries = { ...sourceEntries(), ...options.entries };
  const store = new BlobStore(join(dataDir, 'store'), log.child({ module: 'store' }));
  await store.init();
  const db = openDatabase(join(dataDir, 'library.sqlite'));
  log.info({ dataDir, schemaVersion: schemaVersion(db), version: APP_VERSION }, 'library opened');
  const cache = new DerivedCache(join(dataDir, 'cache'), db, log.child({ module: 'cache' }));
  await cache.init();
  const activity = new ActivityService(db);
  // Lines older than the retention (90 days by default) go at every start, then hourly.
  activity.prune();
  const events = new EventHub(log.child({ module: 'events' }));
  const intakeProcesses = options.intakeProcesses ?? Math.min(2, Math.max(1, cpus().length - 1));
  const intake: Intake = new IntakePool({
    entry: entries.intakeProcess,
    spawn: options.spawn ?? forkNodeProcess,
    size: intakeProcesses,
    timeoutMs: options.intakeTimeoutMs,
  });
  const library = new LibraryService({
    dataDir,
    db,
    store,
    cache,
    intake,
    events,
    activity,
    parallelism: intakeProcesses,
    log: log.child({ module: 'library' }),
  });
  const organise = new OrganiseService({ db, store, cache, events, activity });
  const collections = new CollectionsService(db, events);
  const smartCollections = new SmartCollectionsService(db, events);
  const tags = new TagsService(db, events);
  const storage = new StorageService({ dataDir, db, store, cache, activity });
  // Start-up reconciliation runs beside the first requests; close() waits for it. Imports a crash
  // stopped between storing and committing are adopted first, every start (it is one small folder).
  const reconciled = library
    .adoptInterruptedImports()
    .catch((error: unknown) => {
      log.error({ err: error, module: 'library' }, 'adopting imports a crash interrupted failed');
      return [];
    })
    .then(() => storage.reconcileOnStart())
    .catch((error: unknown) => {
      log.error({ err: error, module: 'storage' }, 'start-up reconciliation of store and cache failed');
      return null;
    });
  const media = new MediaRegistry();
  // An evicted thumbnail is made again from the master (through the intake) before it is served.
  media.register('thumb', async (id) => ({
    ...library.mediaFile(id, 'thumb'),
    path: await library.ensureThumb(id),
    attachment: false,
    shareable: true,
  }));
  // The 1024 px preview the intake made; the thumbnail stands in while it is evicted or missing.
  media.register('preview', async (id) => {
    const logo = library.get(id);
    const preview = cache.pathOf('previews', `${logo.hash}-1024.webp`);
    const path = (await cache.has('previews', `${logo.hash}-1024.webp`)) ? preview : await library.ensureThumb(id);
    return { path, mime: 'image/webp', filename: `${logo.name}-preview.webp`, attachment: false, shareable: true };
  });
  // The untouched file as imported: always an attachment, never to teammates (an SVG source may
  // carry the scripts and references the sanitized master lost).
  media.register('source', (id) => {
    const file = library.sourceFile(id);
    return { ...file, mime: 'application/octet-stream', attachment: true, shareable: false };
  });
  media.register('original', (id) => {
    const file = library.mediaFile(id, 'original');
    return { ...file, attachment: file.mime === 'image/svg+xml' || file.mime === 'application/pdf', shareable: true };
  });
  const settings = new Settings(db);
  const print = new PrintService(settings, dataDir);
  const pipeline = await createPipeline(
    {
      entry: entries.pipelineWorker,
      db,
      store,
      cache,
      events,
      logoOf: (id) => library.get(id),
      paletteOf: (id) => paletteFromLibrary(library, id),
      printSetup: () => print.setup(),
      artworkOf: (id) => library.artworkOf(id),
      inksOf: (id) => readLogoInks(db, id),
      onDone: (job) => recordJobFacts(library, job),
      log: log.child({ module: 'pipeline' }),
    },
    options.pipeline,
  );
  media.register('output', (id, rest) => resolveOutputMedia(pipeline, id, rest), { takesRest: true });
  const exporter = new ExportService({
    library,
    runner: pipeline,
    events,
    activity,
    tempDir: join(dataDir, 'tmp', 'exports'),
    journal: new ExportJournal(join(dataDir, 'tmp', 'export-journal')),
    log: log.child({ module: 'exports' }),
  });
  // Temp files of exports that died with their process (crash, SIGKILL) are swept beside the first requests.
  void exporter.recoverInterrupted();
  media.register('export', (id) => exporter.downloadFile(id));
  const share: ShareService = new ShareService(
    settings,
    events,
    ({ host, port, token, limits }) =>
      startMarqueServer({
        studio,
        mode: 'share',
        host,
        port,
        token,
        limits,
        staticDir: options.staticDir,
        onClientsChanged: () => share.clientsChanged(),
        onAccess: (access) => activity.recordShareAccess(access),
      }),
    { secrets: options.secrets, log: log.child({ module: 'share' }) },
  );
  const opened = new OpenedFilesService(library, events, log.child({ module: 'open-files' }));
  const handout = new Handout(join(dataDir, 'handout'), media, log.child({ module: 'handout' }));
  const swept = handout.sweep();
  const handlers: Handlers = {
    ...appHandlers(db, dataDir),
    ...shareHandlers(share),
    ...libraryHandlers({ library, organise, collections, activity }),
    ...organiseHandlers({ smartCollections, tags }),
    ...importExtrasHandlers({
      library,
      eagle: new EagleImporter({ db, library, collections, events }),
      duplicates: new DuplicateFinder({
        db,
        store,
        cache,
        thumbOf: (hash) => ({ kind: THUMB_KIND, key: thumbKey(hash) }),
        log: log.child({ module: 'duplicates' }),
      }),
    }),
    ...storageHandlers(storage),
    ...jobsHandlers(pipeline),
    ...exportHandlers(exporter, settings),
    ...printHandlers(print, pipeline, {
      read: (logoId) => logoInksOf(db, logoId),
      write: (logoId, edits) => writeLogoInks(db, logoId, edits),
    }),
    ...faviconHandlers(pipeline),
    ...proofHandlers(pipeline, library),
    ...desktopHandlers({ handout, opened, host: options.desktop ?? null, log: log.child({ module: 'desktop' }) }),
  };
  let closed = false;
  const studio: Studio = {
    dataDir,
    db,
    log,
    events,
    library,
    organise,
    collections,
    smartCollections,
    tags,
    activity,
    storage,
    reconciled,
    store,
    cache,
    media,
    pipeline,
    exporter,
    settings,
    print,
    share,
    opened,
    handlers,
    async close() {
      if (closed) return;
      closed = true;
      // Closing goes on past a failed step: the database must still be closed cleanly.
      if (share.running)
        await share.stop().catch((error: unknown) => log.warn({ err: error, module: 'share' }, 'share did not stop'));
      await exporter
        .expireDownloads(true)
        .catch((error: unknown) => log.warn({ err: error, module: 'exports' }, 'export downloads not removed'));
      await exporter.recovered;
      await swept;
      await pipeline.close();
      await intake.close();
      await reconciled;
      activity.close();
      db.close();
      log.info('library closed');
    },
  };
  return studio;
}
