import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { JobOutputFile } from '../../../shared/contract/jobs.ts';
import { MarqueError } from '../../../shared/errors.ts';
import { outputPathSegments } from './output-paths.ts';
import type { ProcessorResult } from './processor.ts';
import type { OutputManifest } from './protocol.ts';

/**
 * An output folder in the derived cache: `files/<path…>` plus `result.json`, written complete in a
 * temp folder and renamed into place, so a reader sees all of it or nothing.
 */
export const MANIFEST = 'result.json';
export const FILES = 'files';
const MAX_FACTS_BYTES = 512 * 1024;

/** Writes a processor's result into `tempDir` and moves it to `outputDir`. */
export async function writeOutputFolder(
  tempDir: string,
  outputDir: string,
  result: ProcessorResult,
): Promise<OutputManifest> {
  const seen = new Set<string>();
  const files: JobOutputFile[] = [];
  for (const file of result.files) {
    outputPathSegments(file.path);
    const folded = file.path.toLowerCase();
    // Case-insensitive file systems (macOS, Windows) would merge these.
    if (seen.has(folded)) throw new MarqueError('PROCESSING_FAILED', `The processor returned ${file.path} twice`);
    seen.add(folded);
    if (!(file.bytes instanceof Uint8Array)) throw new MarqueError('PROCESSING_FAILED', `${file.path}: not bytes`);
    files.push({ path: file.path, mime: file.mime, byteSize: file.bytes.byteLength });
  }
  const factsJson = result.facts ? JSON.stringify(result.facts) : null;
  if (factsJson && factsJson.length > MAX_FACTS_BYTES)
    throw new MarqueError('PROCESSING_FAILED', 'The processor returned facts over 512 KB');
  const manifest: OutputManifest = {
    format: 1,
    files,
    facts: factsJson ? (JSON.parse(factsJson) as Record<string, unknown>) : null,
  };

  // Synchronous on purpose: this runs in a pipeline worker thread that has nothing else to do,
  // and async fs calls would queue in libuv's four-thread pool behind sharp's own work (measured:
  // 6-9 ms per output folder async, most of it waiting).
  //
  // Durability, with one fsync per output file and none else: the files' data is on disk before
  // the manifest is written, and a reader (readOutputManifest) trusts a folder only when the
  // manifest parses and every file it lists exists at its size. So a power cut can lose a folder,
  // or leave one without a readable manifest or with a missing file, and each of those reads as a
  // cache miss and runs again; it cannot leave a listed file whose bytes never reached the disk.
  // The folder fsyncs this replaces each forced a journal commit (5 per job, measured as the
  // larger part of a thumbnail job's output time).
  rmSync(tempDir, { recursive: true, force: true });
  const dirs = new Set<string>([tempDir, join(tempDir, FILES)]);
  const targets = result.files.map((file) => join(tempDir, FILES, ...outputPathSegments(file.path)));
  for (const target of targets) dirs.add(dirname(target));
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
  result.files.forEach((file, i) => {
    writeFile(targets[i] as string, file.bytes, true);
  });
  writeFile(join(tempDir, MANIFEST), JSON.stringify(manifest), false);

  mkdirSync(dirname(outputDir), { recursive: true });
  try {
    renameSync(tempDir, outputDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM') throw error;
    // The same output landed meanwhile (identical requests in parallel): outputs are deterministic, keep it.
    if (!(await readOutputManifest(outputDir))) {
      rmSync(outputDir, { recursive: true, force: true });
      renameSync(tempDir, outputDir);
    }
  }
  rmSync(tempDir, { recursive: true, force: true });
  return manifest;
}

function writeFile(target: string, data: Uint8Array | string, sync: boolean): void {
  const fd = openSync(target, 'wx');
  try {
    writeFileSync(fd, data);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Reads a complete output folder, or null when it is missing, partial or evicted. */
export async function readOutputManifest(outputDir: string): Promise<OutputManifest | null> {
  let manifest: OutputManifest;
  try {
    manifest = JSON.parse(await readFile(join(outputDir, MANIFEST), 'utf8')) as OutputManifest;
  } catch {
    return null;
  }
  if (manifest?.format !== 1 || !Array.isArray(manifest.files)) return null;
  for (const file of manifest.files) {
    try {
      const info = await stat(join(outputDir, FILES, ...outputPathSegments(file.path)));
      if (!info.isFile() || info.size !== file.byteSize) return null;
    } catch {
      return null;
    }
  }
  return manifest;
}
