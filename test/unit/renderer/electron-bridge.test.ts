import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/core/dispatch.ts';
import { createStudio, type Studio } from '../../../src/main/core/studio.ts';
import { electronBridge, type PreloadApi } from '../../../src/renderer/src/api/electron-bridge.ts';
import { createClient } from '../../../src/shared/client.ts';
import { MarqueError } from '../../../src/shared/errors.ts';
import { writeCorpus } from '../../helpers/corpus.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

/**
 * The renderer's Electron bridge against what main really answers: the preload's invoke resolves
 * with dispatch()'s `{ ok, value | error }`, events come from the studio's hub. Only the IPC hop
 * is left out (it needs Electron); its rejection form is the one Electron documents.
 */
describe('electronBridge', () => {
  let data: Awaited<ReturnType<typeof tempDir>>;
  let studio: Studio;
  let preload: PreloadApi;

  beforeEach(async () => {
    data = await tempDir('marque-bridge-');
    studio = await createStudio({ dataDir: data.path });
    preload = {
      invoke: (method, input) => dispatch(studio.handlers, method, input, { mode: 'desktop', clientAddress: null }),
      on: (event, listener) => studio.events.subscribe((name, payload) => name === event && listener(payload)),
      pathForFile: () => '',
    };
  });
  afterEach(async () => {
    await studio?.close();
    await data?.cleanup();
  });

  it('unwraps replies into values and errors into MarqueErrors with their code', async () => {
    const client = createClient(electronBridge(preload));
    const info = await client.call('app.info', {});
    expect(info.mode).toBe('desktop');
    expect(info.canEdit).toBe(true);

    const invalid = await client.call('library.get', { id: 'x' }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(MarqueError);
    expect((invalid as MarqueError).code).toBe('INVALID_INPUT');
    const missing = await client.call('library.get', { id: 'nosuchlogo1' }).catch((error: unknown) => error);
    expect((missing as MarqueError).code).toBe('NOT_FOUND');
    expect((missing as MarqueError).message).toContain('nosuchlogo1');
  });

  it('delivers contract events and imports by path as the drop does', async () => {
    const client = createClient(electronBridge(preload));
    const seen: string[][] = [];
    const stop = client.on('library.changed', (change) => seen.push([...change.ids]));
    const corpus = await writeCorpus(data.path, { svgs: 2, offset: 500 });
    const report = await client.call('library.import', { paths: [...corpus.svgs] });
    expect(report.imported).toBe(2);
    expect(seen.flat().sort()).toEqual(
      report.outcomes.flatMap((o) => (o.status === 'imported' ? [o.logo.id] : [])).sort(),
    );
    stop();
    const page = await client.call('library.list', {});
    expect(page.total).toBe(2);
  });

  it('re-hydrates the envelope Electron puts in a rejected invoke', async () => {
    const rejecting: PreloadApi = {
      ...preload,
      invoke: async () => {
        throw new Error(
          `Error invoking remote method 'marque:invoke': ${JSON.stringify({ code: 'FORBIDDEN', message: 'Not from this window' })}`,
        );
      },
    };
    const error = await createClient(electronBridge(rejecting))
      .call('app.info', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarqueError);
    expect((error as MarqueError).code).toBe('FORBIDDEN');
    expect((error as MarqueError).message).toBe('Not from this window');
  });
});
