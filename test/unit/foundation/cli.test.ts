import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMarque } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const marque = (args: readonly string[], env: NodeJS.ProcessEnv = {}) => runMarque(args, { env });

describe('marque CLI (the real process)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let logos: string;
  let dataDir: string;

  beforeEach(async () => {
    dir = await tempDir();
    logos = join(dir.path, 'logos');
    dataDir = join(dir.path, 'data');
    await mkdir(join(logos, 'nested'), { recursive: true });
    await sharp({ create: { width: 120, height: 80, channels: 4, background: '#1d3557' } })
      .png()
      .toFile(join(logos, 'navy.png'));
    await sharp({ create: { width: 90, height: 90, channels: 3, background: '#f1faee' } })
      .jpeg()
      .toFile(join(logos, 'nested', 'mint.jpg'));
    await writeFile(
      join(logos, 'nested', 'ring.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40"><circle cx="20" cy="20" r="15" fill="none" stroke="#e63946" stroke-width="6"/></svg>',
    );
    await writeFile(join(logos, 'broken.png'), Buffer.from('\x89PNG\r\n\x1a\nthis is not a png'));
  });
  afterEach(() => dir.cleanup());

  it('imports a folder once, reports the corrupt file by name, and lists each logo once', () => {
    const first = marque(['import', logos, '--data-dir', dataDir, '--json']);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ imported: 3, duplicates: 0, failed: 1 });
    const failed = report.outcomes.find((o: { status: string }) => o.status === 'failed');
    expect(failed.path).toMatch(/broken\.png$/);
    expect(failed.message).toContain('broken.png');

    const again = JSON.parse(marque(['import', logos, '--data-dir', dataDir, '--json']).stdout);
    expect(again).toMatchObject({ imported: 0, duplicates: 3, failed: 1 });

    const list = marque(['list', '--json'], { MARQUE_DATA_DIR: dataDir });
    expect(list.code).toBe(0);
    const listed = JSON.parse(list.stdout);
    expect(listed.total).toBe(3);
    expect(listed.logos.map((l: { name: string }) => l.name).sort()).toEqual(['mint', 'navy', 'ring']);
    const ids = new Set(report.outcomes.filter((o: { id?: string }) => o.id).map((o: { id: string }) => o.id));
    expect(new Set(listed.logos.map((l: { id: string }) => l.id))).toEqual(ids);
    const ring = listed.logos.find((l: { name: string }) => l.name === 'ring');
    expect(ring).toMatchObject({ format: 'svg', isVector: true, width: 40, height: 40 });
  });

  it('keeps stdout pure JSON with --json and explains usage errors', () => {
    const result = marque(['import', join(logos, 'navy.png'), '--data-dir', dataDir, '--json']);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    const usage = marque(['import', '--data-dir', dataDir]);
    expect(usage.code).toBe(2);
    expect(usage.stderr + usage.stdout).toContain('give at least one file or folder');
    const unknown = marque(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command');
    const help = marque(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('marque serve');
  });
});
