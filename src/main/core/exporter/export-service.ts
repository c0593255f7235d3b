import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type {
  ExportDownload,
  ExportPhase,
  ExportPlan,
  ExportSummary,
  ExportWarning,
  InterruptedExportInfo,
  ParsedExportDownloadRequest,
  ParsedExportRequest,
} from '../../../shared/contract/exports.ts';
import type { Logo } from '../../../shared/domain.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { EventHub } from '../events.ts';
import { unlessMissing } from '../fs-missing.ts';
import type { Log } from '../log/logger.ts';
import { type ExportJournal, foldersOf, type InterruptedExport } from './export-journal.ts';
import { type FullPlan, MANIFEST_NAME, type PlanInput, type ProducedBatch, planExport, planKey } from './plan.ts';
import { produceAll, type RecipeRunner } from './produce.ts';
import { writePlan } from './write-export.ts';

export type { RecipeRunner } from './produce.ts';

export interface ExportServiceDeps {
  readonly library: { get(id: string): Logo };
  /** Null until the pipeline is wired: exports then fail with a clear message. */
  readonly runner: RecipeRunner | null;
  readonly events: EventHub;
  /** Where browser-mode zips are built before the server streams them (inside the data dir). */
  readonly tempDir: string;
  /** logo x recipe pairs produced at once; the pool queues the rest anyway. */
  readonly concurrency?: number;
  readonly now?: () => Date;
  /** Exports in flight, so temp files of one that died with the process are swept at the next start. */
  readonly journal?: ExportJournal;
  /** The activity log: every export is recorded with who asked (null = this machine). */
  readonly activity?: { recordActivity(record: ExportActivity): unknown };
  readonly log?: Log;
}

export interface ExportActivity {
  readonly kind: 'export';
  readonly logoIds: readonly string[];
  readonly clientAddress: string | null;
  readonly detail: string;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  /** The HTTP caller's address for the activity log; null or absent = this machine. */
  readonly clientAddress?: string | null;
}

/** A zip built for a browser download: the server streams `path`, then calls `dispose`. */
export interface ZipDownload {
  readonly path: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly summary: ExportSummary;
  dispose(): Promise<void>;
}

const STALE_DOWNLOAD_MS = 24 * 60 * 60 * 1000;
/** How long a prepared browser download stays fetchable. */
const DOWNLOAD_TTL_MS = 60 * 60 * 1000;
const PROGRESS_INTERVAL_MS = 100;

/** Batch export: logos x recipes through the naming template into a folder or one zip. */
export class ExportService {
  readonly #deps: ExportServiceDeps;
  /** Exports and previews in flight, by the id their progress events carry, for `cancel`. */
  readonly #running = new Map<string, AbortController>();
  /** Browser downloads prepared by `prepareDownload`, served by id through the media table. */
  readonly #downloads = new Map<string, { readonly download: ZipDownload; readonly at: number }>();

  constructor(deps: ExportServiceDeps) {
    this.#deps = deps;
  }

  /** The exact tree `run` would write now; recipes are produced into the cache, the destination is only read. */
  async preview(request: ParsedExportRequest, options: RunOptions = {}): Promise<ExportPlan> {
    const exportId = randomUUID();
    const plan = await this.#tracked(exportId, options.signal, (signal) =>
      this.#planOrResume(request, this.#progress(exportId), signal, exportId).then((r) => r.plan),
    );
    const { files: _files, conflict: _conflict, template: _template, date: _date, ...preview } = plan;
    return preview;
  }

  /** Writes the export and returns what happened to every file. */
  async run(request: ParsedExportRequest, options: RunOptions = {}): Promise<ExportSummary> {
    const summary = await this.#execute(request, request.destination, randomUUID(), options.signal);
    this.#record(summary, options.clientAddress ?? null, summary.zipPath ?? summary.destination);
    return summary;
  }

  /** Set by `recoverInterrupted`: the sweep of temp files left by exports that died with their process. */
  recovered: Promise<readonly string[]> = Promise.resolve([]);

  /** Starts the sweep of temp files that exports killed mid-write left in their destinations. */
  recoverInterrupted(): Promise<readonly string[]> {
    const journal = this.#deps.journal;
    this.recovered = journal
      ? journal.recover().then(
          (r) => r.removed,
          (error: unknown) => {
            this.#deps.log?.warn({ err: error }, 'temp files of interrupted exports not swept');
            return [];
          },
        )
      : Promise.resolve([]);
    return this.recovered;
  }

  /** The interrupted folder export into `destination` that running the same export again would resume. */
  async interrupted(destination: string): Promise<InterruptedExportInfo | null> {
    await this.recovered;
    const [latest] = (await this.#deps.journal?.interrupted(resolve(destination))) ?? [];
    if (!latest) return null;
    return { destination: latest.destination, startedAt: latest.startedAt, files: latest.paths.length - 1 };
  }

  /** Stops an export or preview by the id of its progress events; files already written stay, named in the manifest. */
  cancel(exportId: string): boolean {
    const controller = this.#running.get(exportId);
    controller?.abort();
    return controller !== undefined;
  }

  /**
   * Browser mode: the whole batch as one zip in the data dir's temp folder, for the HTTP server
   * to stream as a download. The caller disposes of it once sent.
   */
  async zipForDownload(
    request: Omit<ParsedExportRequest, 'destination' | 'zip' | 'conflict'>,
    options: RunOptions = {},
  ): Promise<ZipDownload> {
    await this.sweepDownloads();
    const exportId = randomUUID();
    const folder = join(this.#deps.tempDir, exportId);
    await mkdir(folder, { recursive: true });
    try {
      const summary = await this.#execute(
        { ...request, destination: folder, zip: true, conflict: 'overwrite' },
        folder,
        exportId,
        options.signal,
      );
      const path = summary.zipPath as string;
      this.#record(summary, options.clientAddress ?? null, 'a browser download');
      return {
        path,
        fileName: path.slice(folder.length + 1),
        bytes: (await stat(path)).size,
        summary,
        dispose: () => rm(folder, { recursive: true, force: true }),
      };
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
  }

  /** `zipForDownload` kept for an hour under its export id, for `/media/export/<id>`. */
  async prepareDownload(request: ParsedExportDownloadRequest, options: RunOptions = {}): Promise<ExportDownload> {
    await this.expireDownloads();
    const download = await this.zipForDownload(request, options);
    const exportId = download.summary.exportId;
    this.#downloads.set(exportId, { download, at: Date.now() });
    return {
      exportId,
      url: `/media/export/${exportId}`,
      fileName: download.fileName,
      bytes: download.bytes,
      summary: withoutTempPaths(download.summary, download.fileName),
    };
  }

  /** The media-table entry of a prepared download (an attachment, never shared with teammates). */
  downloadFile(exportId: string): { path: string; mime: string; filename: string; attachment: true; shareable: false } {
    const entry = this.#downloads.get(exportId);
    if (!entry || Date.now() - entry.at > DOWNLOAD_TTL_MS)
      throw new MarqueError('NOT_FOUND', 'This export download has expired');
    return {
      path: entry.download.path,
      mime: 'application/zip',
      filename: entry.download.fileName,
      attachment: true,
      shareable: false,
    };
  }

  /** Deletes prepared downloads older than an hour (and all of them with `all`, at close). */
  async expireDownloads(all = false): Promise<void> {
    for (const [id, entry] of this.#downloads) {
      if (!all && Date.now() - entry.at <= DOWNLOAD_TTL_MS) continue;
      this.#downloads.delete(id);
      await entry.download.dispose();
    }
  }

  /** Removes download zips left by a crash or an abandoned request. */
  async sweepDownloads(): Promise<void> {
    const now = Date.now();
    const entries = await readdir(this.#deps.tempDir, { withFileTypes: true }).catch(unlessMissing([]));
    for (const entry of entries) {
      const path = join(this.#deps.tempDir, entry.name);
      const info = await stat(path).catch(unlessMissing(null));
      if (info && now - info.mtimeMs > STALE_DOWNLOAD_MS) await rm(path, { recursive: true, force: true });
    }
  }

  async #execute(
    request: ParsedExportRequest,
    destination: string,
    exportId: string,
    signal?: AbortSignal,
  ): Promise<ExportSummary> {
    const started = performance.now();
    const progress = this.#progress(exportId);
    const { plan, result, resumed } = await this.#tracked(exportId, signal, async (tracked) => {
      const { plan, resuming, now } = await this.#planOrResume(
        { ...request, destination },
        progress,
        tracked,
        exportId,
      );
      // Journaled with its plan, so a crash mid-write leaves no temp file for good (the next start
      // sweeps them) and the same export run again finishes this one.
      const forget = await this.#deps.journal?.begin(
        foldersOf(plan),
        plan.zipPath === null
          ? {
              destination: plan.destination,
              key: planKey(plan),
              now: now.toISOString(),
              // Files it skips stay the designer's: never counted as its own.
              paths: [...plan.files.flatMap((f) => (f.action === 'skip' ? [] : [f.path])), plan.manifestPath],
            }
          : undefined,
      );
      try {
        const result = await writePlan(plan, { exportId, now, signal: tracked, progress, resume: resuming !== null });
        // Finished (or declined): the interrupted run is not offered again.
        if (resuming) await this.#deps.journal?.forget(resuming.entry);
        else if (request.resume === false) await this.#forgetInterrupted(plan.destination);
        return { plan, result, resumed: resuming };
      } finally {
        await forget?.();
      }
    });

    const failures = [...plan.failures, ...result.failures];
    progress('done', result.written.length, plan.files.length, null, true);
    return {
      exportId,
      destination: plan.destination,
      zipPath: result.zipPath,
      manifestPath: result.manifestPath,
      written: result.written,
      skipped: result.skipped,
      failures,
      warnings: plan.warnings,
      totalBytes: result.written.reduce((sum, f) => sum + f.bytes, 0),
      durationMs: Math.round(performance.now() - started),
      resumed: resumed ? { startedAt: resumed.startedAt, kept: result.kept } : null,
    };
  }

  /**
   * Produces the recipes and plans the export. When an interrupted folder export into the same
   * folder had this very plan, the plan is that one (its files count as its own, its `{date}`
   * stays) and the write resumes it; `request.resume` forces (true) or declines (false) that.
   */
  async #planOrResume(
    request: ParsedExportRequest,
    progress: Progress,
    signal?: AbortSignal,
    batchId?: string,
  ): Promise<{ plan: PlanWithWarnings; resuming: InterruptedExport | null; now: Date }> {
    const now = this.#now();
    const input = await this.#produce(request, now, progress, signal, batchId);
    // Each produced output's warnings (e.g. below its fidelity threshold) go into the summary.
    const warnings = batchWarnings(input.batches);
    const withWarnings = (plan: FullPlan): PlanWithWarnings => ({ ...plan, warnings });
    if (request.zip) {
      if (request.resume === true) throw new MarqueError('INVALID_INPUT', 'Only folder exports can be resumed');
      return { plan: withWarnings(await planExport(input)), resuming: null, now };
    }
    // The start-up sweep of dead exports' temp files must not run beside this export's own.
    await this.recovered;
    const interrupted =
      request.resume === false ? [] : ((await this.#deps.journal?.interrupted(input.destination)) ?? []);
    for (const candidate of interrupted) {
      const then = new Date(candidate.now);
      if (Number.isNaN(then.getTime())) continue;
      const plan = await planExport({ ...input, now: then, ownPaths: new Set(candidate.paths) });
      if (planKey(plan) === candidate.key) return { plan: withWarnings(plan), resuming: candidate, now: then };
    }
    if (request.resume === true) {
      throw new MarqueError(
        'INVALID_INPUT',
        interrupted.length > 0
          ? `The interrupted export into ${input.destination} had other files (the logos, recipes, template or conflict mode differ); export without resuming to write beside it`
          : `No interrupted export into ${input.destination} to resume`,
      );
    }
    return { plan: withWarnings(await planExport(input)), resuming: null, now };
  }

  /** Forgets every interrupted export into `destination` (the user chose to start over). */
  async #forgetInterrupted(destination: string): Promise<void> {
    const journal = this.#deps.journal;
    for (const entry of (await journal?.interrupted(destination)) ?? []) await journal?.forget(entry.entry);
  }

  /** Checks the destination and produces every logo x recipe (into the cache): what a plan is made from. */
  async #produce(
    request: ParsedExportRequest,
    now: Date,
    progress: Progress,
    signal?: AbortSignal,
    batchId?: string,
  ): Promise<PlanInput> {
    if (!isAbsolute(request.destination)) {
      throw new MarqueError('INVALID_INPUT', `The destination "${request.destination}" is not an absolute folder path`);
    }
    const destination = resolve(request.destination);
    const info = await stat(destination).catch(unlessMissing(null));
    if (info && !info.isDirectory())
      throw new MarqueError('INVALID_INPUT', `The destination ${destination} is a file, not a folder`);
    const runner = this.#deps.runner;
    if (!runner) throw new MarqueError('INTERNAL', 'No recipes are available: the processing pipeline is not running');
    const logos = request.logoIds.map((id) => this.#deps.library.get(id));
    const { batches, failures } = await produceAll(runner, logos, request.recipes, {
      concurrency: this.#deps.concurrency ?? 4,
      signal,
      ...(batchId ? { batchId } : {}),
      progress: (done, total, current) => progress('producing', done, total, current),
    });
    const input: PlanInput = {
      destination,
      template: request.template,
      conflict: request.conflict,
      zip: request.zip,
      zipTitle: zipTitle(request.title, logos),
      now,
      batches,
      failures,
    };
    return input;
  }

  async #tracked<T>(
    exportId: string,
    signal: AbortSignal | undefined,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    this.#running.set(exportId, controller);
    try {
      return await work(signal ? AbortSignal.any([signal, controller.signal]) : controller.signal);
    } finally {
      this.#running.delete(exportId);
    }
  }

  #record(summary: ExportSummary, clientAddress: string | null, where: string): void {
    const logoIds = [...new Set(summary.written.map((f) => f.logoId))];
    const megabytes = (summary.totalBytes / 1_048_576).toFixed(1);
    const recipes = [...new Set(summary.written.map((f) => f.recipe))].join(', ');
    this.#deps.activity?.recordActivity({
      kind: 'export',
      logoIds,
      clientAddress,
      detail: `${summary.written.length} files (${megabytes} MB${recipes ? `; ${recipes}` : ''}) to ${where}; ${summary.skipped.length} skipped, ${summary.failures.length} failed`,
    });
  }

  #now(): Date {
    return this.#deps.now?.() ?? new Date();
  }

  /** Progress events, at most every 100 ms per export except phase changes and the end. */
  #progress(exportId: string): Progress {
    let last = 0;
    let lastPhase: ExportPhase | null = null;
    return (phase, done, total, current, force = false) => {
      const now = performance.now();
      if (!force && phase === lastPhase && done < total && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      lastPhase = phase;
      this.#deps.events.emit('exports.progress', { exportId, phase, done, total, current });
    };
  }
}

type PlanWithWarnings = FullPlan & { readonly warnings: readonly ExportWarning[] };

type Progress = (phase: ExportPhase, done: number, total: number, current: string | null, force?: boolean) => void;

/** Each produced output's warnings once, named by logo and recipe. */
/**
 * A download's summary as the browser sees it: paths inside the zip it receives, never the data
 * folder's temp path where the server built it.
 */
function withoutTempPaths(summary: ExportSummary, fileName: string): ExportSummary {
  return {
    ...summary,
    destination: fileName,
    zipPath: fileName,
    manifestPath: summary.manifestPath === null ? null : `${fileName}!/${MANIFEST_NAME}`,
    written: summary.written.map((file) => ({ ...file, absolutePath: `${fileName}!/${file.path}` })),
  };
}

/** A zip is named after its collection, else its logos: "Acme" or "Acme and 3 more". */
function zipTitle(title: string | undefined, logos: readonly Pick<Logo, 'name'>[]): string | undefined {
  if (title) return title;
  const [first] = logos;
  if (!first) return undefined;
  return logos.length === 1 ? first.name : `${first.name} and ${logos.length - 1} more`;
}

function batchWarnings(batches: readonly ProducedBatch[]): ExportWarning[] {
  const out: ExportWarning[] = [];
  for (const batch of batches) {
    const messages = new Set(batch.files.flatMap((file) => file.warnings ?? []));
    for (const message of messages)
      out.push({ logoId: batch.logoId, logoName: batch.logoName, recipe: batch.recipe, message });
  }
  return out;
}
