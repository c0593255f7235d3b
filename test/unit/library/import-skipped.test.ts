import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { CLI_ENTRY } from '../../helpers/node24.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('special entries inside an imported folder are reported, not skipped silently', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio | null = null;
  let server: Server | null = null;
  let folder: string;

  beforeEach(async () => {
    dir = await tempDir('marque-import-skipped-');
    folder = join(dir.path, 'Brand kit');
    await mkdir(join(folder, 'nested'), { recursive: true });
    const red = sharp({ create: { width: 64, height: 64, channels: 3, background: '#d00' } }).png();
    await red.toFile(join(folder, 'mark.png'));
    await sharp({ create: { width: 48, height: 48, channels: 3, background: '#00d' } })
      .png()
      .toFile(join(dir.path, 'outside.png'));
    // A link to a real logo outside the folder, a named pipe, and a listening Unix socket.
    await symlink(join(dir.path, 'outside.png'), join(folder, 'link.png'));
    execFileSync('mkfifo', [join(folder, 'nested', 'pipe.png')]);
    server = createServer();
    await new Promise<void>((resolve) => server?.listen(join(folder, 'nested', 'socket'), resolve));
  });
  afterEach(async () => {
    await studio?.close();
    studio = null;
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = null;
    await dir.cleanup();
  });

  it('the import report lists the symlink, the FIFO and the socket with the reason; the real file is imported', async () => {
    const dataDir = join(dir.path, 'data');
    studio = await createStudio({ dataDir, intakeProcesses: 1 });
    const report = await studio.library.importPaths([folder]);
    expect(report).toMatchObject({ imported: 1, duplicates: 0, failed: 0 });
    expect(report.outcomes.map((o) => o.path)).toEqual([join(folder, 'mark.png')]);
    expect(report.skipped.map(({ path, kind }) => ({ path, kind }))).toEqual([
      { path: join(folder, 'link.png'), kind: 'symlink' },
      { path: join(folder, 'nested', 'pipe.png'), kind: 'fifo' },
      { path: join(folder, 'nested', 'socket'), kind: 'socket' },
    ]);
    expect(report.skipped[0]?.reason).toMatch(/symbolic link/);
    expect(report.skipped[1]?.reason).toMatch(/named pipe/);
    expect(report.skipped[2]?.reason).toMatch(/socket/);
    // Nothing behind the link came in.
    expect(studio.db.prepare('SELECT count(*) AS n FROM logos').get()).toEqual({ n: 1 });
    await studio.close();
    studio = null;

    // The CLI says the same, in --json and in words.
    const json = spawnSync(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', CLI_ENTRY, 'import', folder, '--data-dir', dataDir, '--json'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(json.status, json.stderr).toBe(0);
    const reply = JSON.parse(json.stdout);
    expect(reply).toMatchObject({ imported: 0, duplicates: 1, failed: 0 });
    expect(reply.skipped.map((s: { kind: string }) => s.kind)).toEqual(['symlink', 'fifo', 'socket']);
    const words = spawnSync(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', CLI_ENTRY, 'import', folder, '--data-dir', dataDir],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(words.status, words.stderr).toBe(0);
    expect(words.stdout).toContain(`skipped    ${join(folder, 'link.png')}: a symbolic link`);
    expect(words.stdout).toContain(`skipped    ${join(folder, 'nested', 'pipe.png')}: a named pipe`);
    expect(words.stdout).toMatch(/0 imported, 1 already in the library, 0 failed, 3 skipped/);
  });
});
