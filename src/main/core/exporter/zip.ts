import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open as openFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { MarqueError } from '../../../shared/errors.ts';
import { fsyncDir, publish, tempBeside } from '../files/atomic-write.ts';

/** Formats that are compressed already: storing them saves time and costs no bytes. */
const STORED = /\.(png|jpe?g|webp|avif|gif|zip|gz|woff2?|ico)$/i;

export interface ZipSourceEntry {
  /** '/'-separated path inside the zip, made of safe components. */
  readonly path: string;
  /** Absolute file to read, or the bytes themselves. */
  readonly source: string | Uint8Array;
}

/**
 * Reads every entry of a zip back from disk and returns path -> sha256. yauzl refuses absolute
 * and `..` entry names by itself, and checks each entry's size against its header.
 */
export async function readZipHashes(path: string): Promise<Map<string, { sha256: string; bytes: number }>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (error, file) =>
      error ? reject(error) : resolve(file),
    ),
  );
  const out = new Map<string, { sha256: string; bytes: number }>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const hash = createHash('sha256');
        let bytes = 0;
        stream.on('data', (chunk: Buffer) => {
          hash.update(chunk);
          bytes += chunk.length;
        });
        stream.on('error', reject);
        stream.on('end', () => {
          out.set(entry.fileName, { sha256: hash.digest('hex'), bytes });
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return out;
}

/**
 * Writes one zip atomically (temp beside the target, fsync), reads it back and checks that it
 * holds exactly `expected` (path -> sha256) before giving it its name. Nothing is left behind
 * on failure.
 */
export async function writeZipAtomic(
  target: string,
  entries: readonly ZipSourceEntry[],
  expected: ReadonlyMap<string, string>,
  options: { readonly mtime: Date; readonly overwrite: boolean; readonly onEntry?: (path: string) => void },
): Promise<{ bytes: number }> {
  const temp = tempBeside(target);
  try {
    const zip = new yazl.ZipFile();
    for (const entry of entries) {
      const common = { mtime: options.mtime, mode: 0o100644, compress: !STORED.test(entry.path) };
      if (typeof entry.source === 'string') zip.addFile(entry.source, entry.path, common);
      else zip.addBuffer(Buffer.from(entry.source), entry.path, common);
      options.onEntry?.(entry.path);
    }
    zip.end();
    await pipeline(zip.outputStream, createWriteStream(temp, { flags: 'wx', mode: 0o644 }));
    const handle = await openFile(temp, 'r+');
    let bytes: number;
    try {
      await handle.sync();
      bytes = (await handle.stat()).size;
    } finally {
      await handle.close();
    }
    const found = await readZipHashes(temp);
    const problems: string[] = [];
    for (const [path, sha256] of expected) {
      const got = found.get(path);
      if (!got) problems.push(`${path} is missing`);
      else if (got.sha256 !== sha256) problems.push(`${path} does not match its hash`);
    }
    for (const path of found.keys()) if (!expected.has(path)) problems.push(`${path} was not expected`);
    if (problems.length > 0) {
      throw new MarqueError('IO_ERROR', `The zip ${target} failed its audit: ${problems.slice(0, 5).join('; ')}`);
    }
    await publish(temp, target, options.overwrite);
    await fsyncDir(dirname(target));
    return { bytes };
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}
