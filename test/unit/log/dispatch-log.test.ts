/**
 * What a contract call leaves in the log: nothing for a caller's mistake at the default level,
 * a warning naming the method and the reason for a failure of the work, the stack of a bug.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/core/dispatch.ts';
import { createLog, type LogHandle } from '../../../src/main/core/log/logger.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import type { Handlers } from '../../../src/shared/contract/index.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const desktop = { mode: 'desktop', clientAddress: null } as const;

describe('contract calls in the log', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let logs: LogHandle;
  let studio: Studio;

  beforeEach(async () => {
    dir = await tempDir('marque-dispatch-log-');
    logs = createLog({ dir: join(dir.path, 'logs'), level: 'info' });
    studio = await createStudio({ dataDir: join(dir.path, 'data'), log: logs.log, intakeProcesses: 1 });
  });
  afterEach(async () => {
    await studio.close();
    await logs.close();
    await dir.cleanup();
  });

  const records = async () => {
    await studio.close();
    await logs.close();
    return (await readFile(join(dir.path, 'logs', 'marque.log'), 'utf8'))
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  };

  it('logs a failed share start (port taken) as a warning, a bad input not at all, a bug with its stack', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = await dispatch(
        studio.handlers,
        'share.start',
        { host: '127.0.0.1', port },
        desktop,
        undefined,
        studio.log,
      );
      expect(taken).toMatchObject({ ok: false, error: { code: 'PORT_IN_USE' } });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    const bad = await dispatch(studio.handlers, 'library.get', { id: 'no' }, desktop, undefined, studio.log);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const broken = {
      'app.info': async () => {
        throw new TypeError('cannot read the moon');
      },
    } as unknown as Handlers;
    const bug = await dispatch(broken, 'app.info', {}, desktop, undefined, studio.log);
    expect(bug).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    const calls = (await records()).filter((r) => r.msg === 'contract call failed');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ level: 40, method: 'share.start', code: 'PORT_IN_USE' });
    expect(String(calls[0]?.reason)).toContain(String(port));
    expect(calls[1]).toMatchObject({ level: 50, method: 'app.info', code: 'INTERNAL' });
    expect(JSON.stringify(calls[1]?.err ?? {})).toContain('cannot read the moon');
  });
});
