import { z } from 'zod';
import { SHARE_DEFAULT_PORT, type ShareStatus } from '../../../shared/contract/share.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { EventHub } from '../events.ts';
import type { GuardLimits } from '../network/client-guard.ts';
import { defaultShareHost, shareAddresses } from '../network/lan-addresses.ts';
import { newToken } from '../server/auth.ts';
import type { MarqueServer } from '../server/http-server.ts';
import { type Settings, setting } from '../settings.ts';

const shareSettings = z.object({
  host: z.string().nullable(),
  port: z.number().int().min(1024).max(65535),
  token: z.string().min(32),
});
type ShareSettings = z.infer<typeof shareSettings>;
/** Address, port and token of the share; no token yet until the first start makes one. */
const SHARE_SETTING = setting<ShareSettings>('share', shareSettings, {
  host: null,
  port: SHARE_DEFAULT_PORT,
  token: '',
});

/** Starts the read-only share server; injected so the core's composition root owns its wiring. */
export type StartShareServer = (options: {
  host: string;
  port: number;
  token: string;
  limits?: GuardLimits;
}) => Promise<MarqueServer>;

/**
 * The teammate share: off by default, on one chosen address, behind a remembered token the
 * designer can rotate. Address, port and token survive restarts so links keep working.
 */
export class ShareService {
  readonly #settings: Settings;
  readonly #events: EventHub;
  readonly #startServer: StartShareServer;
  #server: MarqueServer | null = null;

  constructor(settings: Settings, events: EventHub, startServer: StartShareServer) {
    this.#settings = settings;
    this.#events = events;
    this.#startServer = startServer;
  }

  #stored(): ShareSettings {
    const stored = this.#settings.get(SHARE_SETTING);
    if (stored.token) return stored;
    const withToken = { ...stored, token: newToken() };
    this.#settings.set(SHARE_SETTING, withToken);
    return withToken;
  }

  status(): ShareStatus {
    const stored = this.#stored();
    const server = this.#server;
    return {
      running: server !== null,
      host: server?.host ?? stored.host,
      port: server?.port ?? stored.port,
      link: server?.link ?? null,
      addresses: shareAddresses(),
      clients: (server?.guard?.connected() ?? []).map((c) => ({
        address: c.address,
        userAgent: c.userAgent,
        firstSeen: new Date(c.firstSeen).toISOString(),
        lastSeen: new Date(c.lastSeen).toISOString(),
        requests: c.requests,
        downloads: c.downloads,
      })),
    };
  }

  /** `limits` overrides the per-client limits for this run (the CLI's --rate-limit; not remembered). */
  async start(options: { host?: string; port?: number; limits?: GuardLimits } = {}): Promise<ShareStatus> {
    const stored = this.#stored();
    const host = options.host ?? stored.host ?? defaultShareHost();
    const port = options.port ?? stored.port;
    await this.#closeServer();
    this.#server = await this.#startServer({ host, port, token: stored.token, limits: options.limits });
    this.#settings.set(SHARE_SETTING, { ...stored, host, port });
    return this.#changed();
  }

  async stop(): Promise<ShareStatus> {
    await this.#closeServer();
    return this.#changed();
  }

  rotateToken(): ShareStatus {
    const stored = this.#stored();
    const token = newToken();
    this.#settings.set(SHARE_SETTING, { ...stored, token });
    this.#server?.rotateToken(token);
    return this.#changed();
  }

  /** For the server's client tracking: tell the app someone came or went. */
  clientsChanged(): void {
    if (this.#server) this.#changed();
  }

  async #closeServer(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    await server?.close();
  }

  #changed(): ShareStatus {
    const status = this.status();
    this.#events.emit('share.changed', status);
    return status;
  }

  assertRunning(): MarqueServer {
    if (!this.#server) throw new MarqueError('NOT_FOUND', 'The share is not running');
    return this.#server;
  }
}
