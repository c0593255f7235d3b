/**
 * The log as a designer meets it: real `marque` child processes on a real data folder. Import
 * one good and one broken file, then read `<data folder>/logs/marque.log` and `marque logs`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/main/core/studio.ts';
import { runMarque } from '../../helpers/cli.ts';
import { CLI_ENTRY } from '../../helpers/node24.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const marque = (args: readonly string[]) => runMarque(args);

describe('logs of the CLI', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let dataDir: string;
  let good: string;
  let bad: string;

  beforeEach(async () => {
    dir = await tempDir('marque-logs-');
    dataDir = join(dir.path, 'data');
    good = join(dir.path, 'navy.png');
    bad = join(dir.path, 'broken.png');
    await sharp({ create: { width: 64, height: 48, channels: 4, background: '#1d3557' } })
      .png()
      .toFile(good);
    // A true PNG signature followed by garbage: sniffed as PNG, then refused by the decoder.
    await writeFile(
      bad,
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('junk')]),
    );
  });
  afterEach(() => dir.cleanup());

  it('after importing one good and one bad file, the log names the bad file and the reason, and no token', async () => {
    // The library already holds a share token (as after any use of the share).
    const studio = await createStudio({ dataDir, intakeProcesses: 1 });
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const link = (await studio.share.start({ host: '127.0.0.1', port })).link as string;
    const token = new URL(link).searchParams.get('token') as string;
    await studio.close();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const result = marque(['import', good, bad, '--data-dir', dataDir, '--json']);
    expect(result.code).toBe(0);
    // stdout stays the one JSON reply: no log line leaks into it.
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 1, failed: 1 });
    const records = (await readFile(join(dataDir, 'logs', 'marque.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const failure = records.find((r) => r.msg === 'import failed');
    expect(failure).toMatchObject({
      level: 40,
      module: 'library',
      command: 'import',
      file: bad,
      code: 'DECODE_FAILED',
    });
    expect(String(failure?.reason)).toMatch(/broken\.png: cannot be read as an image/);
    expect(records.find((r) => r.msg === 'import finished')).toMatchObject({ imported: 1, failed: 1 });
    // The good file is no failure.
    expect(records.filter((r) => r.msg === 'import failed')).toHaveLength(1);
    expect(await readFile(join(dataDir, 'logs', 'marque.log'), 'utf8')).not.toContain(token);
  });

  it('--verbose prints the log to stderr as text, never to stdout', () => {
    const result = marque(['import', good, bad, '--data-dir', dataDir, '--json', '--verbose']);
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 1, failed: 1 });
    expect(result.stderr).toMatch(/warn\s+library: import failed .*broken\.png/);
    expect(result.stderr).toMatch(/info\s+library: import finished/);
  });

  it('`marque logs` prints the last lines as text or JSON lines', () => {
    expect(marque(['import', good, bad, '--data-dir', dataDir]).code).toBe(0);
    const text = marque(['logs', '--data-dir', dataDir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/warn\s+library: import failed .*file=\S*broken\.png/);
    const json = marque(['logs', '--json', '--lines', '2', '--data-dir', dataDir]);
    const lines = json.stdout.trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['import finished', 'library closed']);
    const empty = marque(['logs', '--data-dir', join(dir.path, 'nothing-here')]);
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain('nothing logged yet');
    expect(marque(['logs', '--lines', 'many', '--data-dir', dataDir]).code).toBe(2);
  });

  it('`marque logs --follow` prints lines another process appends, and stops on SIGINT', async () => {
    expect(marque(['import', good, '--data-dir', dataDir]).code).toBe(0);
    const follow = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', CLI_ENTRY, 'logs', '--follow', '--json', '--data-dir', dataDir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const seen = (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not seen in 30 s: ${pattern}\n${out}`)), 30_000);
        const check = () => {
          if (pattern.test(out)) {
            clearTimeout(timer);
            follow.stdout.off('data', check);
            resolve();
          }
        };
        follow.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          check();
        });
        check();
      });
    await seen(/"msg":"import finished"/);
    expect(out).not.toContain('broken.png');
    expect(marque(['import', bad, '--data-dir', dataDir]).code).toBe(1);
    await seen(/"file":"[^"]*broken\.png".*"msg":"import failed"/);
    const exited = once(follow, 'exit');
    follow.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
  });
});
