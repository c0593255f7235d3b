import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastLogLines } from '../../../src/main/core/log/log-reader.ts';
import { createLog, LOG_FILE } from '../../../src/main/core/log/logger.ts';
import { formatLine } from '../../../src/main/core/log/pretty.ts';
import { REDACTED, scrubSecrets } from '../../../src/main/core/log/redact.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const TOKEN = 'Zq9xS3cr3tT0kenValue_-abcdefghijklmnopqrstuv';

describe('the logger', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('marque-log-');
  });
  afterEach(() => dir.cleanup());

  it('writes JSON lines with the context of child loggers into <dir>/marque.log', async () => {
    const handle = createLog({ dir: join(dir.path, 'logs'), level: 'info' });
    const library = handle.log.child({ module: 'library' });
    library.warn({ file: '/tmp/bad.svg', reason: 'not an image' }, 'import failed');
    library.debug({ file: '/tmp/quiet.svg' }, 'below the level');
    handle.log.error({ err: new Error('disk on fire') }, 'export failed');
    await handle.close();
    const lines = (await readFile(join(dir.path, 'logs', LOG_FILE), 'utf8')).trim().split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      level: 40,
      module: 'library',
      file: '/tmp/bad.svg',
      reason: 'not an image',
      msg: 'import failed',
    });
    expect(records[1]).toMatchObject({ level: 50, msg: 'export failed', err: { message: 'disk on fire' } });
    expect(JSON.stringify(records[1]?.err ?? {})).toContain('logger.test.ts');
  });

  it('never writes a token: redacted fields, scrubbed URLs, messages and error text', async () => {
    const handle = createLog({ dir: dir.path, level: 'debug' });
    handle.log.info({ token: TOKEN, share: { token: TOKEN, link: `http://10.0.0.2:4870/?token=${TOKEN}` } }, 'share');
    handle.log.info({ url: `/index.html?token=${TOKEN}&x=1` }, `opened http://h/?token=${TOKEN}`);
    handle.log.warn({ headers: { cookie: `marque_token=${TOKEN}`, authorization: `Bearer ${TOKEN}` } }, 'refused');
    handle.log.error({ err: new Error(`fetch http://h/api?token=${TOKEN} failed`) }, 'bad');
    handle.log.info(`Authorization: Bearer ${TOKEN}`);
    await handle.close();
    const text = await readFile(join(dir.path, LOG_FILE), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(5);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.slice(0, 12));
    expect(text).toContain(`token=${REDACTED}&x=1`);
    expect(text.split(REDACTED).length - 1).toBeGreaterThanOrEqual(8);
  });

  it('scrubs token values wherever they sit in a line', () => {
    expect(scrubSecrets(`GET /?token=${TOKEN} 303`)).toBe(`GET /?token=${REDACTED} 303`);
    expect(scrubSecrets(`"link":"http://x/?a=1&token=${TOKEN}"`)).toBe(`"link":"http://x/?a=1&token=${REDACTED}"`);
    expect(scrubSecrets(`marque_token=${TOKEN}; Path=/`)).toBe(`marque_token=${REDACTED}; Path=/`);
    expect(scrubSecrets('a harmless line about tokens')).toBe('a harmless line about tokens');
  });

  it('rotates: never more than maxFiles files, none much past maxFileSize, newest lines kept', async () => {
    const logs = join(dir.path, 'logs');
    const handle = createLog({ dir: logs, level: 'info', maxFileSize: '16K', maxFiles: 5 });
    const padding = 'x'.repeat(400);
    // About 500 KB in all: more than thirty times what five files of 16 KB hold.
    for (let i = 0; i < 1000; i++) handle.log.info({ i, padding }, 'line');
    await handle.close();
    const names = (await readdir(logs)).sort();
    expect(names).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`, `${LOG_FILE}.3`, `${LOG_FILE}.4`]);
    for (const name of names) expect((await stat(join(logs, name))).size).toBeLessThanOrEqual(16 * 1024 + 600);
    // The newest line is in the live file; the oldest kept lines are in marque.log.4.
    const live = (await readFile(join(logs, LOG_FILE), 'utf8')).trim().split('\n');
    expect(JSON.parse(live.at(-1) as string).i).toBe(999);
    const oldest = JSON.parse((await readFile(join(logs, `${LOG_FILE}.4`), 'utf8')).split('\n')[0] as string).i;
    const newestRotated = JSON.parse(
      (await readFile(join(logs, `${LOG_FILE}.1`), 'utf8')).trim().split('\n').at(-1) as string,
    ).i;
    expect(oldest).toBeLessThan(newestRotated);
    expect(newestRotated).toBeLessThan(999);
  });

  it('reads the last lines across rotated files, oldest first', async () => {
    const handle = createLog({ dir: join(dir.path, 'logs'), level: 'info', maxFileSize: '2K', maxFiles: 5 });
    for (let i = 0; i < 40; i++) handle.log.info({ i, padding: 'y'.repeat(100) }, 'line');
    await handle.close();
    const last = (await lastLogLines(dir.path, 25)).map((line) => JSON.parse(line).i as number);
    expect(last).toEqual(Array.from({ length: 25 }, (_, k) => 15 + k));
  });

  it('writes human lines to stderr at its own level, and JSON only to the file', async () => {
    const stderr = new PassThrough();
    let printed = '';
    stderr.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    const handle = createLog({ dir: dir.path, level: 'info', stderr, stderrLevel: 'warn' });
    handle.log.info('only in the file');
    handle.log
      .child({ module: 'library' })
      .warn({ file: 'bad.svg', link: `http://h/?token=${TOKEN}` }, 'import failed');
    await handle.close();
    expect(printed).not.toContain('only in the file');
    expect(printed).toMatch(/warn\s+library: import failed .*file=bad\.svg/);
    expect(printed).not.toContain(TOKEN);
    expect(() => JSON.parse(printed)).toThrow();
    expect((await readFile(join(dir.path, LOG_FILE), 'utf8')).trim().split('\n')).toHaveLength(2);
  });

  it('keeps the app running when the log folder cannot be made, and says so on stderr', async () => {
    const blocked = join(dir.path, 'logs');
    await writeFile(blocked, 'a file where the log folder should be');
    const said: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => said.push(String(chunk)) > 0) as typeof process.stderr.write;
    let handle: ReturnType<typeof createLog>;
    try {
      handle = createLog({ dir: blocked, level: 'info' });
    } finally {
      process.stderr.write = write;
    }
    expect(handle.file).toBeNull();
    handle.log.error('still callable');
    await handle.close();
    expect(said.join('')).toContain(`no log file, ${blocked} cannot be created`);
    expect(await readFile(blocked, 'utf8')).toBe('a file where the log folder should be');
  });

  it('formats a JSON record for a person and passes other text through', () => {
    const line = JSON.stringify({ level: 50, time: 0, module: 'exports', msg: 'failed', err: { message: 'EACCES' } });
    expect(formatLine(line)).toBe('1970-01-01T00:00:00.000Z error exports: failed (EACCES)');
    expect(formatLine('plain text')).toBe('plain text');
  });
});
