import { createHash } from 'node:crypto';

/**
 * Fair use and lockout per client address: a sliding request budget, a lockout after repeated bad
 * tokens, a cap on concurrent downloads, and the "who is connected" list the app shows.
 */
export interface GuardLimits {
  /** Requests a client may make per window. */
  readonly requestsPerWindow: number;
  readonly windowMs: number;
  /** Failed token attempts before the client is locked out. */
  readonly maxFailedTokens: number;
  readonly lockoutMs: number;
  readonly maxConcurrentDownloads: number;
}

export const SHARE_LIMITS: GuardLimits = {
  requestsPerWindow: 600,
  windowMs: 10_000,
  maxFailedTokens: 10,
  lockoutMs: 5 * 60_000,
  maxConcurrentDownloads: 6,
};

/**
 * The app server (browser mode, loopback only): no request or download budget for the designer's
 * own browser, but the share's lockout after 10 wrong tokens, so a local program cannot guess.
 */
export const APP_SERVER_LIMITS: GuardLimits = {
  requestsPerWindow: Number.POSITIVE_INFINITY,
  windowMs: SHARE_LIMITS.windowMs,
  maxFailedTokens: SHARE_LIMITS.maxFailedTokens,
  lockoutMs: SHARE_LIMITS.lockoutMs,
  maxConcurrentDownloads: Number.POSITIVE_INFINITY,
};

export interface ClientRecord {
  readonly address: string;
  userAgent: string;
  firstSeen: number;
  lastSeen: number;
  requests: number;
  /** Thumbnails, previews and images shown in a page: browsing. */
  views: number;
  /** Files taken away: originals, outputs and zips fetched other than as an image in a page. */
  downloads: number;
  activeDownloads: number;
  openStreams: number;
  windowStart: number;
  windowCount: number;
  failedTokens: number;
  /** Hashes of the wrong tokens counted since the last success or lockout. */
  readonly wrongTokens: Set<string>;
  lockedUntil: number;
}

export type Verdict = 'ok' | 'rate-limited' | 'locked-out';

export class ClientGuard {
  readonly #limits: GuardLimits;
  readonly #clients = new Map<string, ClientRecord>();
  readonly #now: () => number;

  constructor(limits: GuardLimits, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  #record(address: string): ClientRecord {
    let record = this.#clients.get(address);
    if (!record) {
      const now = this.#now();
      record = {
        address,
        userAgent: '',
        firstSeen: now,
        lastSeen: now,
        requests: 0,
        views: 0,
        downloads: 0,
        activeDownloads: 0,
        openStreams: 0,
        windowStart: now,
        windowCount: 0,
        failedTokens: 0,
        wrongTokens: new Set(),
        lockedUntil: 0,
      };
      this.#clients.set(address, record);
    }
    return record;
  }

  /** Counts a request; says whether it may go on. */
  admit(address: string, userAgent: string): Verdict {
    const record = this.#record(address);
    const now = this.#now();
    if (record.lockedUntil > now) return 'locked-out';
    if (now - record.windowStart >= this.#limits.windowMs) {
      record.windowStart = now;
      record.windowCount = 0;
    }
    record.windowCount++;
    record.lastSeen = now;
    record.userAgent = userAgent.slice(0, 200);
    if (record.windowCount > this.#limits.requestsPerWindow) return 'rate-limited';
    record.requests++;
    return 'ok';
  }

  /**
   * A request with a wrong token; enough different ones lock the address out. The same wrong token
   * again is no new guess: a tab left open on an old link (its cookie and event stream retrying)
   * must not lock the designer out of the new one, while a guesser has to try new values.
   */
  failedToken(address: string, token: string): void {
    const record = this.#record(address);
    const hash = createHash('sha256').update(token).digest('base64url');
    if (record.wrongTokens.has(hash)) return;
    record.wrongTokens.add(hash);
    record.failedTokens++;
    if (record.failedTokens >= this.#limits.maxFailedTokens) {
      record.lockedUntil = this.#now() + this.#limits.lockoutMs;
      record.failedTokens = 0;
      record.wrongTokens.clear();
    }
  }

  authenticated(address: string): void {
    const record = this.#record(address);
    record.failedTokens = 0;
    record.wrongTokens.clear();
  }

  /**
   * Reserves a slot for sending a file (any media: the cap is on concurrent transfers); returns a
   * release function, or null when the client has too many. Counting is `countTransfer`'s job.
   */
  startDownload(address: string): (() => void) | null {
    const record = this.#record(address);
    if (record.activeDownloads >= this.#limits.maxConcurrentDownloads) return null;
    record.activeDownloads++;
    let released = false;
    return () => {
      if (!released) record.activeDownloads--;
      released = true;
    };
  }

  /** Counts one file the client looked at ('view') or took away ('download'). */
  countTransfer(address: string, kind: 'view' | 'download'): void {
    const record = this.#record(address);
    if (kind === 'view') record.views++;
    else record.downloads++;
  }

  streamOpened(address: string): () => void {
    const record = this.#record(address);
    record.openStreams++;
    return () => {
      record.openStreams--;
    };
  }

  /** Clients seen in the last two minutes or holding an open event stream. */
  connected(): ClientRecord[] {
    const since = this.#now() - 120_000;
    return [...this.#clients.values()].filter((c) => c.requests > 0 && (c.lastSeen >= since || c.openStreams > 0));
  }
}
