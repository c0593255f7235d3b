import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  copyFileAtomic,
  fsyncFile,
  renameWithRetry,
  TargetExistsError,
  writeBytesAtomic,
} from '../../../src/main/core/files/atomic-write.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/** The one atomic-write module the store, the cache and the exporter share. */
describe('atomic writes', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('marque-atomic-');
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('replaces a file whole when overwriting, and refuses a taken name otherwise; no temp file is left', async () => {
    const target = join(dir.path, 'mark.svg');
    await writeFile(target, 'old');
    await expect(writeBytesAtomic(target, new TextEncoder().encode('new'), false)).rejects.toBeInstanceOf(
      TargetExistsError,
    );
    expect(await readFile(target, 'utf8')).toBe('old');
    await writeBytesAtomic(target, new TextEncoder().encode('new'), true);
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir.path)).toEqual(['mark.svg']);
  });

  it('copies with the sha256 and size of the bytes written', async () => {
    const source = join(dir.path, 'source.bin');
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);
    await writeFile(source, bytes);
    const target = join(dir.path, 'copy.bin');
    const copied = await copyFileAtomic(source, target, false);
    expect(copied).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    expect(new Uint8Array(await readFile(target))).toEqual(bytes);
    await fsyncFile(target);
  });

  it('renames into place and passes on errors it cannot retry', async () => {
    const from = join(dir.path, 'temp');
    await writeFile(from, 'x');
    await renameWithRetry(from, join(dir.path, 'final'));
    expect(await readdir(dir.path)).toEqual(['final']);
    await expect(renameWithRetry(join(dir.path, 'missing'), join(dir.path, 'other'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
