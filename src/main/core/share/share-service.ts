import { z } from 'zod';
import { SHARE_DEFAULT_PORT, type ShareStatus } from '../../../shared/contract/share.ts';
import { MarqueError } from '../../../shared/errors.ts';
import type { EventHub } from '../events.ts';
import { type Log, silentLog } from '../log/logger.ts';
import type { GuardLimits } from '../network/client-guard.ts';
import { defaultShareHost, shareAddresses } from '../network/lan-addresses.ts';
import { newToken } from '../server/auth.ts';
import type { MarqueServer } from '../server/http-server.ts';
import { type Settings, setting } from '../settings.ts';
import { NO_SECRET_STORAGE, type SecretStorage } from './secret-storage.ts';

/** As stored: the token sealed by the OS keychain where there is one, else in plain text. */
const shareSettings = z.object({
  host: z.string().nullable(),
  port: z.number().int().min(1024).max(65535),
  token: z.string().min(32).optional(),
  sealedToken: z.string().min(1).optional(),
});
type StoredShare = z.infer<typeof shareSettings>;
/** In memory: the token in the clear. */
interface ShareSettings {
  readonly host: string | null;
  readonly port: number;
  readonly token: string;
}
/** Address, port and the token (sealed where a keychain exists); no token until the first start. */
const SHARE_SETTING = setting<StoredShare>('share', shareSettings, { host: null, port: SHARE_DEFAULT_PORT });

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
  readonly #secrets: SecretStorage;
  readonly #log: Log;
  #server: MarqueServer | null = null;
  /** A token for this run only: the stored one is sealed by a keychain this process cannot use. */
  #runToken: string | null = null;
  #warnedPlain = false;

  constructor(
    settings: Settings,
    events: EventHub,
    startServer: StartShareServer,
    options: { readonly secrets?: SecretStorage; readonly log?: Log } = {},
  ) {
    this.#settings = settings;
    this.#events = events;
    this.#startServer = startServer;
    this.#secrets = options.secrets ?? NO_SECRET_STORAGE;
    this.#log = options.log ?? silentLog();
  }

  #stored(): ShareSettings {
    const stored = this.#settings.get(SHARE_SETTING);
    const place = { host: stored.host, port: stored.port };
    if (stored.sealedToken) {
      if (this.#runToken) return { ...place, token: this.#runToken };
      if (!this.#secrets.available) {
        // The desktop app sealed it (e.g. `marque serve --share` on its library): a token for this run.
        this.#runToken = newToken();
        this.#log.warn('the share token is sealed by the desktop app’s keychain; this run uses a new one-time token');
        return { ...place, token: this.#runToken };
      }
      try {
        return { ...place, token: this.#secrets.open(stored.sealedToken) };
      } catch (error) {
        this.#log.warn({ err: error }, 'the stored share token cannot be unsealed; issuing a new one');
        return this.#save({ ...place, token: newToken() });
      }
    }
    if (stored.token) {
      // Written in plain text by an older build or a run without a keychain: seal it now if we can.
      return this.#secrets.available
        ? this.#save({ ...place, token: stored.token })
        : { ...place, token: stored.token };
    }
    return this.#save({ ...place, token: newToken() });
  }

  /** Stores the settings, the token sealed where a keychain exists; returns them in the clear. */
  #save(settings: ShareSettings): ShareSettings {
    const { token, ...place } = settings;
    if (this.#runToken) {
      this.#runToken = token;
      this.#settings.set(SHARE_SETTING, { ...this.#settings.get(SHARE_SETTING), ...place });
      return settings;
    }
    if (this.#secrets.available)
      this.#settings.set(SHARE_SETTING, { ...place, sealedToken: this.#secrets.seal(token) });
    else this.#settings.set(SHARE_SETTING, { ...place, token });
    return settings;
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
        views: c.views,
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
    if (!this.#secrets.available && !this.#runToken && !this.#warnedPlain) {
      // Said once a run, when the token is put to use: the CLI, or a desktop without a keychain.
      this.#warnedPlain = true;
      this.#log.warn('no OS keychain here: the share token is stored in plain text in the library database');
    }
    // The port actually bound: a request for any free port (0) is remembered as the one it got.
    this.#save({ ...stored, host, port: this.#server.port });
    return this.#changed();
  }

  get running(): boolean {
    return this.#server !== null;
  }

  async stop(): Promise<ShareStatus> {
    await this.#closeServer();
    return this.#changed();
  }

  rotateToken(): ShareStatus {
    const stored = this.#stored();
    const token = newToken();
    this.#save({ ...stored, token });
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
