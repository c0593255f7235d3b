import { createHash } from 'node:crypto';
import { lstat, rmdir, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ExportedFile, ExportFailure, ExportPhase, ExportPlanEntry } from '../../../shared/contract/exports.ts';
import { MarqueError, toErrorEnvelope } from '../../../shared/errors.ts';
import { copyFileAtomic, fsyncDir, hashFile, TargetExistsError, writeBytesAtomic } from '../files/atomic-write.ts';
import { FolderMaker, resolveInside } from './contain.ts';
import { diskFailure, isWholeDiskError } from './disk-errors.ts';
import { buildManifest, type ExportManifest, manifestBytes, mergeManifests, readOwnManifest } from './manifest.ts';
import type { FullPlan, PlannedFile } from './plan.ts';
import { numbered } from './safe-name.ts';
import { writeZipAtomic } from './zip.ts';

export interface WriteOptions {
  readonly exportId: string;
  readonly now: Date;
  readonly signal?: AbortSignal;
  /**
   * Finishing an interrupted run of this plan: a file already at its planned path with the
   * source's exact bytes is that run's work, kept and listed instead of written again.
   */
  readonly resume?: boolean;
  progress(phase: ExportPhase, done: number, total: number, current: string | null): void;
}

export interface WriteResult {
  readonly written: ExportedFile[];
  readonly skipped: ExportPlanEntry[];
  readonly failures: ExportFailure[];
  readonly manifestPath: string | null;
  readonly zipPath: string | null;
  /** Resuming: files an interrupted run had already published, kept (and listed) as they were. */
  readonly kept: number;
}

function failureOf(file: PlannedFile, error: unknown): ExportFailure {
  const envelope = toErrorEnvelope(error);
  const errno = (error as NodeJS.ErrnoException)?.code;
  return {
    logoId: file.logoId,
    logoName: file.logoName,
    recipe: file.recipe,
    file: file.file,
    code: typeof errno === 'string' && !(error instanceof MarqueError) ? errno : envelope.code,
    message: `${file.path}: ${envelope.message}`,
  };
}

function entryOf(file: PlannedFile): ExportPlanEntry {
  const { source: _source, components: _components, ...entry } = file;
  return entry;
}

function cancelled(file: PlannedFile): ExportFailure {
  return failureOf(file, new MarqueError('CANCELLED', 'the export was cancelled before this file'));
}

function manifestOf(
  plan: FullPlan,
  options: WriteOptions,
  result: Omit<WriteResult, 'manifestPath' | 'zipPath' | 'kept'>,
  zip: boolean,
): ExportManifest {
  return buildManifest({
    exportId: options.exportId,
    createdAt: options.now.toISOString(),
    template: plan.template,
    conflict: plan.conflict,
    zip,
    files: result.written.map((f) => ({
      path: f.path,
      bytes: f.bytes,
      sha256: f.sha256,
      logoId: f.logoId,
      logoName: f.logoName,
      recipe: f.recipe,
      file: f.file,
      action: f.action,
    })),
    skipped: result.skipped.map((s) => ({ path: s.path, logoId: s.logoId, recipe: s.recipe, file: s.file })),
    failures: [...plan.failures, ...result.failures],
  });
}

/** The file an interrupted run already published at the planned path, when its bytes are the source's. */
async function alreadyWritten(plan: FullPlan, file: PlannedFile, kept: Set<string>): Promise<ExportedFile | null> {
  const target = resolveInside(plan.destination, file.components);
  const info = await lstat(target).catch(() => null);
  if (!info?.isFile() || info.size !== file.bytes) return null;
  const [there, source] = await Promise.all([hashFile(target), hashFile(file.source)]);
  if (there.sha256 !== source.sha256) return null;
  kept.add(target);
  return {
    logoId: file.logoId,
    logoName: file.logoName,
    recipe: file.recipe,
    file: file.file,
    path: file.path,
    absolutePath: target,
    bytes: there.bytes,
    sha256: there.sha256,
    action: file.action as ExportedFile['action'],
  };
}

/** Copies one planned file; a file that appeared since planning is skipped or numbered, never clobbered. */
async function writeOne(
  plan: FullPlan,
  maker: FolderMaker,
  file: PlannedFile,
  kept: Set<string> | null,
): Promise<ExportedFile | 'skipped'> {
  const dirs = file.components.slice(0, -1);
  const wanted = file.components.at(-1) as string;
  await maker.ensure(dirs);
  if (kept) {
    const there = await alreadyWritten(plan, file, kept);
    if (there) return there;
  }
  const overwrite = plan.conflict === 'overwrite';
  for (let n = 1; n < 100; n++) {
    const name = n === 1 ? wanted : numbered(wanted, n);
    const target = resolveInside(plan.destination, [...dirs, name]);
    try {
      const { sha256, bytes } = await copyFileAtomic(file.source, target, overwrite, { syncDir: false });
      const path = [...dirs, name].join('/');
      return {
        logoId: file.logoId,
        logoName: file.logoName,
        recipe: file.recipe,
        file: file.file,
        path,
        absolutePath: target,
        bytes,
        sha256,
        action: n === 1 ? (file.action as ExportedFile['action']) : 'rename',
      };
    } catch (error) {
      if (!(error instanceof TargetExistsError)) throw error;
      if (plan.conflict === 'skip') return 'skipped';
    }
  }
  throw new MarqueError('IO_ERROR', `no free name for ${file.path}`);
}

/** Runs `work` over `items` with at most `limit` in flight; results stay in item order. */
async function inOrder<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Files copied at once: enough to overlap fsync latency, few enough for a USB stick. */
const WRITE_LANES = 4;

type Outcome =
  | { readonly kind: 'written'; readonly file: ExportedFile; readonly planned: PlannedFile }
  | { readonly kind: 'skipped'; readonly entry: ExportPlanEntry }
  | { readonly kind: 'failed'; readonly failure: ExportFailure };

/**
 * Folder mode: every file atomically (temp, fsync, rename), each touched folder fsynced once,
 * then every file re-read and hashed (the audit), then manifest.json, written last.
 */
async function writeFolder(plan: FullPlan, options: WriteOptions): Promise<WriteResult> {
  const maker = await FolderMaker.open(plan.destination);
  const total = plan.files.length;
  // Resuming: files the interrupted run had published, kept as they are (and never undone).
  const kept = options.resume === true ? new Set<string>() : null;
  let done = 0;
  // A full or read-only disk fails every file alike: the first such error stops the export.
  let diskError: { readonly error: unknown; readonly path: string } | null = null;
  const outcomes = await inOrder(plan.files, WRITE_LANES, async (file): Promise<Outcome> => {
    try {
      if (options.signal?.aborted || diskError) return { kind: 'failed', failure: cancelled(file) };
      if (file.action === 'skip') return { kind: 'skipped', entry: entryOf(file) };
      const result = await writeOne(plan, maker, file, kept);
      if (result === 'skipped') return { kind: 'skipped', entry: { ...entryOf(file), action: 'skip' } };
      return { kind: 'written', file: result, planned: file };
    } catch (error) {
      if (isWholeDiskError(error)) diskError ??= { error, path: file.path };
      return { kind: 'failed', failure: failureOf(file, error) };
    } finally {
      options.progress('writing', ++done, total, file.path);
    }
  });
  const written = outcomes.flatMap((o) => (o.kind === 'written' ? [o] : []));
  const skipped = outcomes.flatMap((o) => (o.kind === 'skipped' ? [o.entry] : []));
  const failures = outcomes.flatMap((o) => (o.kind === 'failed' ? [o.failure] : []));
  if (diskError)
    return undoAfterDiskError(
      plan.destination,
      written.map((w) => w.file).filter((f) => !kept?.has(f.absolutePath)),
      maker.created,
      diskError,
    );

  // The renames (and the folders made for them) are durable once their folders are synced.
  const folders = new Set([
    ...written.map((w) => dirname(w.file.absolutePath)),
    ...maker.created.map((d) => dirname(d)),
  ]);
  for (const folder of folders) await fsyncDir(folder);

  let checked = 0;
  const audits = await inOrder(written, WRITE_LANES, async ({ file, planned }) => {
    const onDisk = await hashFile(file.absolutePath).catch(() => null);
    options.progress('verifying', ++checked, written.length, file.path);
    if (onDisk?.sha256 === file.sha256 && onDisk.bytes === file.bytes) return { ok: true as const, file };
    return {
      ok: false as const,
      failure: failureOf(planned, new MarqueError('IO_ERROR', 'the file on disk does not match what was written')),
    };
  });
  const verified = audits.flatMap((a) => (a.ok ? [a.file] : []));
  failures.push(...audits.flatMap((a) => (a.ok ? [] : [a.failure])));

  const own = manifestOf(plan, options, { written: verified, skipped, failures }, false);
  const earlier = plan.manifestMerges
    ? await readOwnManifest(resolveInside(plan.destination, [plan.manifestPath]))
    : null;
  const manifest = earlier ? mergeManifests(earlier, own) : own;
  let manifestPath: string | null = null;
  for (let n = 1; n < 100 && manifestPath === null; n++) {
    const name = n === 1 ? plan.manifestPath : numbered(plan.manifestPath, n);
    const target = resolveInside(plan.destination, [name]);
    try {
      // Resuming, the manifest at the planned path can only be the interrupted run's: it is replaced.
      await writeBytesAtomic(
        target,
        manifestBytes(manifest),
        plan.conflict === 'overwrite' || (n === 1 && (options.resume === true || plan.manifestMerges)),
      );
      manifestPath = target;
    } catch (error) {
      if (isWholeDiskError(error))
        return undoAfterDiskError(
          plan.destination,
          verified.filter((f) => !kept?.has(f.absolutePath)),
          maker.created,
          { error, path: name },
        );
      if (!(error instanceof TargetExistsError)) throw error;
    }
  }
  if (failures.length > 0) await removeEmptyFolders(maker.created);
  return { written: verified, skipped, failures, manifestPath, zipPath: null, kept: kept?.size ?? 0 };
}

/**
 * The disk refused the export (full, read-only): the files it had written are taken back (a file
 * it replaced cannot be, and is kept), its folders removed, and the export fails saying why.
 */
async function undoAfterDiskError(
  destination: string,
  written: readonly ExportedFile[],
  created: readonly string[],
  cause: { readonly error: unknown; readonly path: string },
): Promise<never> {
  const kept = written.filter((f) => f.action === 'overwrite').length;
  for (const file of written) if (file.action !== 'overwrite') await unlink(file.absolutePath).catch(() => {});
  await removeEmptyFolders(created);
  throw diskFailure(
    destination,
    cause.error,
    `The export stopped at ${cause.path}; ${
      kept > 0 ? `${kept} file(s) it replaced were kept and the others it wrote removed` : 'nothing was left behind'
    }.`,
  );
}

/** Folders this export created and left empty (every file in them failed) are removed again. */
async function removeEmptyFolders(created: readonly string[]): Promise<void> {
  for (const dir of [...created].reverse()) await rmdir(dir).catch(() => {});
}

/** Zip mode: hash every source, write one zip with manifest.json inside, audit it, then name it. */
async function writeZip(plan: FullPlan, options: WriteOptions): Promise<WriteResult> {
  const zipName = plan.zipPath as string;
  const skippedAll = plan.zipAction === 'skip';
  const good: { file: PlannedFile; sha256: string; bytes: number }[] = [];
  const failures: ExportFailure[] = [];
  const total = plan.files.length;
  for (const [index, file] of plan.files.entries()) {
    if (skippedAll) break;
    if (options.signal?.aborted) {
      failures.push(cancelled(file));
      continue;
    }
    try {
      good.push({ file, ...(await hashFile(file.source)) });
    } catch (error) {
      failures.push(failureOf(file, error));
    }
    options.progress('writing', index + 1, total, file.path);
  }
  if (skippedAll) {
    return { written: [], skipped: plan.files.map(entryOf), failures, manifestPath: null, zipPath: null, kept: 0 };
  }
  const maker = await FolderMaker.open(plan.destination);
  const zipPath = resolveInside(plan.destination, [zipName]);
  const written: ExportedFile[] = good.map(({ file, sha256, bytes }) => ({
    logoId: file.logoId,
    logoName: file.logoName,
    recipe: file.recipe,
    file: file.file,
    path: file.path,
    absolutePath: `${zipPath}!/${file.path}`,
    bytes,
    sha256,
    action: 'create',
  }));
  const manifest = manifestBytes(manifestOf(plan, options, { written, skipped: [], failures }, true));
  const expected = new Map(written.map((f) => [f.path, f.sha256]));
  expected.set(plan.manifestPath, createHash('sha256').update(manifest).digest('hex'));
  options.progress('verifying', 0, written.length, zipName);
  try {
    await maker.ensure([]);
    await writeZipAtomic(
      zipPath,
      [
        ...good.map(({ file }) => ({ path: file.path, source: file.source })),
        { path: plan.manifestPath, source: manifest },
      ],
      expected,
      { mtime: options.now, overwrite: plan.conflict === 'overwrite' },
    );
  } catch (error) {
    if (isWholeDiskError(error)) {
      await removeEmptyFolders(maker.created);
      throw diskFailure(plan.destination, error, `The zip ${zipName} was not written; nothing was left behind.`);
    }
    throw error instanceof TargetExistsError
      ? new MarqueError('IO_ERROR', `${zipPath} appeared while exporting; nothing was overwritten`)
      : error;
  }
  options.progress('verifying', written.length, written.length, zipName);
  return { written, skipped: [], failures, manifestPath: `${zipPath}!/${plan.manifestPath}`, zipPath, kept: 0 };
}

/** Writes a plan (folder or zip) and reports what happened to every file. */
export function writePlan(plan: FullPlan, options: WriteOptions): Promise<WriteResult> {
  return plan.zipPath === null ? writeFolder(plan, options) : writeZip(plan, options);
}
