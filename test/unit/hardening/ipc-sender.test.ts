import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../src/main/core/events.ts';
import { silentLog } from '../../../src/main/core/log/logger.ts';
import type { Studio } from '../../../src/main/core/studio.ts';

// The Electron binary cannot run here, so `electron` is replaced by a recorder of what the binding
// registers and calls; everything else (the binding, dispatch, the trust check) is the real code.
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  return {
    handlers,
    listeners,
    dialogCalls: [] as unknown[],
    shellCalls: [] as unknown[],
  };
});
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
      electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) =>
      electron.listeners.set(channel, listener),
    removeAllListeners: (channel: string) => electron.listeners.delete(channel),
  },
  app: { getFileIcon: async () => ({ icon: true }) },
  nativeImage: { createEmpty: () => ({ empty: true }) },
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
const drags: unknown[] = [];
const eventFrom = (url: string | undefined) => ({
  senderFrame: url === undefined ? null : { url },
  sender: { isDestroyed: () => false, startDrag: (item: unknown) => drags.push(item) },
});
const DRAG_ITEMS = [
  { kind: 'original', id: 'logo-000001' },
  { kind: 'output', id: 'job-000001', file: 'favicon/favicon.ico' },
];
/** The drag listener is fire-and-forget (ipcRenderer.send), like the preload's call. */
function drag(url: string | undefined, items: unknown): void {
  electron.listeners.get(BRIDGE_CHANNELS.startDrag)?.(eventFrom(url), items);
}

describe('IPC binding rejects calls from frames other than the app', () => {
  let unbind: () => void;
  let calls: string[];

  beforeEach(() => {
    calls = [];
    const studio = {
      log: silentLog(),
      events: new EventHub(),
      handlers: new Proxy(
        {},
        {
          get: (_target, name) => async () => {
            calls.push(String(name));
            if (name === 'files.locate')
              return { files: [{ path: '/handout/a/logo.svg' }, { path: '/handout/b/x.png' }] };
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
      [
        BRIDGE_CHANNELS.invoke,
        BRIDGE_CHANNELS.chooseFolder,
        BRIDGE_CHANNELS.chooseImportFiles,
        BRIDGE_CHANNELS.showInFolder,
      ].sort(),
    );
    expect([...electron.listeners.keys()]).toEqual([BRIDGE_CHANNELS.startDrag]);
  });

  it('drags out only for the app frame, with files found through files.locate and validated refs', async () => {
    drags.length = 0;
    for (const url of FOREIGN) drag(url, DRAG_ITEMS);
    drag('marque://app/index.html', [{ kind: 'original', id: '../../etc' }]);
    drag('marque://app/index.html', 'not a list');
    // Sent last, so once it has dragged the refused ones above have settled too.
    drag('marque://app/index.html', DRAG_ITEMS);
    await vi.waitFor(() => expect(drags).toHaveLength(1));
    expect(calls).toEqual(['files.locate']);
    expect(drags).toEqual([
      { file: '/handout/a/logo.svg', files: ['/handout/a/logo.svg', '/handout/b/x.png'], icon: { icon: true } },
    ]);
  });

  it('every handler refuses a foreign, missing or look-alike sender frame, with no side effect', async () => {
    for (const url of FOREIGN) {
      const event = eventFrom(url);
      expect(await electron.handlers.get(BRIDGE_CHANNELS.invoke)?.(event, 'app.info', {})).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Call from an untrusted frame' },
      });
      expect(await electron.handlers.get(BRIDGE_CHANNELS.chooseFolder)?.(event)).toBeNull();
      expect(await electron.handlers.get(BRIDGE_CHANNELS.chooseImportFiles)?.(event)).toEqual([]);
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
      expect(await electron.handlers.get(BRIDGE_CHANNELS.chooseImportFiles)?.(event)).toEqual(['/picked/folder']);
      expect(await electron.handlers.get(BRIDGE_CHANNELS.showInFolder)?.(event, 'relative/path')).toBe(false);
      expect(await electron.handlers.get(BRIDGE_CHANNELS.showInFolder)?.(event, '/tmp/out')).toBe(true);
    }
    expect(calls).toEqual(['app.info', 'app.info']);
    // Two folder pickers and two Import dialogs, the latter with the logo file types.
    expect(electron.dialogCalls).toHaveLength(4);
    expect(JSON.stringify(electron.dialogCalls[1])).toContain('"title":"Import logos"');
    expect(electron.shellCalls).toEqual(['/tmp/out', '/tmp/out']);
  });
});
