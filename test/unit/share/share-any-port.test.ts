import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

describe('a share started on any free port (--port 0)', () => {
  let studio: Studio | null = null;
  let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  afterEach(async () => {
    await studio?.close();
    await dir?.cleanup();
  });

  it('starts, and remembers the port it got, so the link survives a restart', async () => {
    dir = await tempDir('marque-share-port-');
    studio = await createStudio({ dataDir: join(dir.path, 'data'), intakeProcesses: 1 });
    const started = await studio.share.start({ host: '127.0.0.1', port: 0 });
    expect(started.running).toBe(true);
    expect(started.port).toBeGreaterThanOrEqual(1024);
    const link = started.link;
    await studio.share.stop();
    expect((await studio.share.start()).link).toBe(link);
  });
});
