import { createClient, type MarqueClient } from '../../../shared/client.ts';
import { electronBridge } from './electron-bridge.ts';
import { httpBridge } from './http-bridge.ts';

/**
 * The one client the renderer uses; screens and stores never touch a transport directly.
 * The desktop window has the preload's IPC bridge; a browser (browser mode, the share) speaks HTTP.
 */
export const client: MarqueClient = createClient(window.marque ? electronBridge(window.marque) : httpBridge());
