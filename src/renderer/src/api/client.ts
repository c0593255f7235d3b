import { createClient, type MarqueClient } from '../../../shared/client.ts';
import { isMethodName } from '../../../shared/contract/index.ts';
import { electronBridge } from './electron-bridge.ts';
import { httpBridge } from './http-bridge.ts';

/** Which carrier reaches the contract: the preload's IPC in the desktop window, HTTP in a browser. */
export const transport: 'electron' | 'http' = window.marque ? 'electron' : 'http';

/** The one client the renderer uses; screens and stores never touch a transport directly. */
export const client: MarqueClient = createClient(window.marque ? electronBridge(window.marque) : httpBridge());

/** True when this build's contract declares the method (screens grow as the contract does). */
export function hasMethod(name: string): boolean {
  return isMethodName(name);
}
