import { readdir, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOutputManifest, writeOutputFolder } from '../../../src/main/core/pipeline/output-folder.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('output folders', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('marque-output-');
  });
  afterEach(() => dir.cleanup());

  it('writes nested files and a manifest, then reads them back only while complete', async () => {
    const out = join(dir.path, 'outputs', 'k1');
    const manifest = await writeOutputFolder(join(dir.path, 'tmp', 'a'), out, {
      files: [
        { path: 'favicon.ico', bytes: bytes('ico'), mime: 'image/x-icon' },
        { path: 'png/icon-192.png', bytes: bytes('png192'), mime: 'image/png' },
        { path: 'png/deep/x.txt', bytes: bytes('x'), mime: 'text/plain' },
      ],
      facts: { sizes: [192] },
    });
    expect(manifest.files.map((f) => [f.path, f.byteSize])).toEqual([
      ['favicon.ico', 3],
      ['png/icon-192.png', 6],
      ['png/deep/x.txt', 1],
    ]);
    expect(await readFile(join(out, 'files', 'png', 'icon-192.png'), 'utf8')).toBe('png192');
    expect(await readdir(join(dir.path, 'tmp'))).toEqual([]);
    expect(await readOutputManifest(out)).toEqual(manifest);
    // A file cut short (a crash, a half-evicted folder) makes the whole output unusable.
    await truncate(join(out, 'files', 'favicon.ico'), 1);
    expect(await readOutputManifest(out)).toBeNull();
    expect(await readOutputManifest(join(dir.path, 'outputs', 'missing'))).toBeNull();
  });

  it('keeps an identical output that landed first, and refuses duplicate or unsafe paths', async () => {
    const out = join(dir.path, 'outputs', 'k2');
    const result = { files: [{ path: 'a.txt', bytes: bytes('one'), mime: 'text/plain' }] };
    await writeOutputFolder(join(dir.path, 'tmp', '1'), out, result);
    await writeOutputFolder(join(dir.path, 'tmp', '2'), out, result);
    expect(await readFile(join(out, 'files', 'a.txt'), 'utf8')).toBe('one');
    expect(await readdir(join(dir.path, 'tmp'))).toEqual([]);
    await expect(
      writeOutputFolder(join(dir.path, 'tmp', '3'), join(dir.path, 'outputs', 'k3'), {
        files: [
          { path: 'Logo.svg', bytes: bytes('a'), mime: 'image/svg+xml' },
          { path: 'logo.SVG', bytes: bytes('b'), mime: 'image/svg+xml' },
        ],
      }),
    ).rejects.toThrow(/twice/);
    await expect(
      writeOutputFolder(join(dir.path, 'tmp', '4'), join(dir.path, 'outputs', 'k4'), {
        files: [{ path: '../../escape.txt', bytes: bytes('a'), mime: 'text/plain' }],
      }),
    ).rejects.toThrow(/refused/);
    expect(await readdir(join(dir.path, 'outputs'))).toEqual(['k2']);
  });
});
