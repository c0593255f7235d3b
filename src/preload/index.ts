/**
 * The preload exposes exactly `window.marque`: typed invoke/on over the contract, plus the few
 * shell features a web page cannot have (file paths of dropped files, folder picker, reveal).
 * Method and event names come from the contract's plain name list (no zod here, so the bundle
 * stays small); anything else is refused here and again in main.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isEventName, isMethodName } from '../shared/contract/names.ts';
import { BRIDGE_CHANNELS } from './channels.ts';

const bridge = {
  invoke(method: string, input: unknown): Promise<unknown> {
    if (!isMethodName(method))
      return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `No such method: ${method}` } });
    return ipcRenderer.invoke(BRIDGE_CHANNELS.invoke, method, input);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) return () => {};
    const handler = (_: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(BRIDGE_CHANNELS.event, handler);
    return () => ipcRenderer.removeListener(BRIDGE_CHANNELS.event, handler);
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
  chooseFolder(): Promise<string | null> {
    return ipcRenderer.invoke(BRIDGE_CHANNELS.chooseFolder) as Promise<string | null>;
  },
  showInFolder(path: string): Promise<boolean> {
    return ipcRenderer.invoke(BRIDGE_CHANNELS.showInFolder, path) as Promise<boolean>;
  },
  /** The OS open dialog for logos (what Cmd/Ctrl+O and File › Import… open); [] when cancelled. */
  chooseImportFiles(): Promise<string[]> {
    return ipcRenderer.invoke(BRIDGE_CHANNELS.chooseImportFiles) as Promise<string[]>;
  },
  /** Drags logos' originals or output files out to other apps (main resolves them through files.locate). */
  startDrag(items: unknown): void {
    ipcRenderer.send(BRIDGE_CHANNELS.startDrag, items);
  },
};

contextBridge.exposeInMainWorld('marque', bridge);

export type PreloadBridge = typeof bridge;
