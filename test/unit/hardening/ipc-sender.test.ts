import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../src/main/core/events.ts';
import type { Studio } from '../../../src/main/core/studio.ts';

// The Electron binary cannot run here, so `electron` is replaced by a recorder of what the binding
// registers and calls; everything else (the binding, dispatch, the trust check) is the real code.
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  return {
    handlers,
    dialogCalls: [] as unknown[],
    shellCalls: [] as unknown[],
  };
});
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
      electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  BrowserWindow: { getAllWindows: () => [], fromWebContents: () => null },
  dialog: {
    showOpenDialog: async (...args: unknown[]) => {
      electron.dialogCalls.push(args);
      return { canceled: false, filePaths: ['/picked/folder'] };
    },
  },
  shell: { showItemInFolder: (path: string) => electron.shellCalls.push(path) },
}));

const { bindIpc } = await import('../../../src/main/shell/ipc.ts');
const { BRIDGE_CHANNELS } = await import('../../../src/preload/channels.ts');

const FOREIGN = [
  'https://attacker.example/',
  'file:///etc/passwd',
  'marque://evil/index.html',
  'http://localhost:5174/',
  'about:blank',
  'data:text/html,<script>1</script>',
  '',
  undefined,
];
const eventFrom = (url: string | undefined) => ({ senderFrame: url === undefined ? null : { url }, sender: {} });

describe('IPC binding rejects calls from frames other than the app', () => {
  let unbind: () => void;
  let calls: string[];

  beforeEach(() => {
    calls = [];
    const studio = {
      events: new EventHub(),
      handlers: new Proxy(
        {},
        {
          get: (_target, name) => async () => {
            calls.push(String(name));
            return { served: String(name) };
          },
        },
      ),
    } as unknown as Studio;
    unbind = bindIpc(studio, 'http://localhost:5173');
    electron.dialogCalls.length = 0;
    electron.shellCalls.length = 0;
  });
  afterEach(() => unbind());

  it('binds exactly the bridge channels the preload uses', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(
      [BRIDGE_CHANNELS.invoke, BRIDGE_CHANNELS.chooseFolder, BRIDGE_CHANNELS.showInFolder].sort(),
    );
  });

  it('every handler refuses a foreign, missing or look-alike sender frame, with no side effect', async () => {
    for (const url of FOREIGN) {
      const event = eventFrom(url);
      expect(await electron.handlers.get(BRIDGE_CHANNELS.invoke)?.(event, 'app.info', {})).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Call from an untrusted frame' },
      });
      expect(await electron.handlers.get(BRIDGE_CHANNELS.chooseFolder)?.(event)).toBeNull();
      expect(await electron.handlers.get(BRIDGE_CHANNELS.showInFolder)?.(event, '/tmp')).toBe(false);
    }
    expect(calls).toEqual([]);
    expect(electron.dialogCalls).toEqual([]);
    expect(electron.shellCalls).toEqual([]);
  });

  it("serves the app's own frame (and the dev server in development), still validating input", async () => {
    for (const url of ['marque://app/index.html', 'http://localhost:5173/']) {
      const event = eventFrom(url);
      expect(await electron.handlers.get(BRIDGE_CHANNELS.invoke)?.(event, 'app.info', {})).toEqual({
        ok: true,
        value: { served: 'app.info' },
      });
      const refused = (await electron.handlers.get(BRIDGE_CHANNELS.invoke)?.(event, 'app.info', { extra: 1 })) as {
        ok: boolean;
        error: { code: string };
      };
      expect([refused.ok, refused.error.code]).toEqual([false, 'INVALID_INPUT']);
      expect(await electron.handlers.get(BRIDGE_CHANNELS.chooseFolder)?.(event)).toBe('/picked/folder');
      expect(await electron.handlers.get(BRIDGE_CHANNELS.showInFolder)?.(event, 'relative/path')).toBe(false);
      expect(await electron.handlers.get(BRIDGE_CHANNELS.showInFolder)?.(event, '/tmp/out')).toBe(true);
    }
    expect(calls).toEqual(['app.info', 'app.info']);
    expect(electron.dialogCalls).toHaveLength(2);
    expect(electron.shellCalls).toEqual(['/tmp/out', '/tmp/out']);
  });
});
