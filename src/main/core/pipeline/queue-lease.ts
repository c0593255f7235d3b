import type { Db } from '../database/database.ts';
import { HEARTBEAT_EXPIRY_MS, isProcessAlive, liveInstances } from './runners.ts';

/** Who may run the queue: 'app' runs every queued job, 'cli' only the jobs its command asked for. */
export type LeaseKind = 'app' | 'cli';

export interface LeaseHolder {
  readonly owner: string;
  readonly pid: number;
  readonly kind: LeaseKind;
  readonly acquiredAt: string;
  readonly expiresAt: number;
}

interface LeaseRow {
  owner: string;
  pid: number;
  kind: LeaseKind;
  acquired_at: string;
  expires_at: number;
}

/**
 * The queue's single-owner lease in SQLite. Only the holder claims jobs, so two processes on one
 * library (the app and a CLI run, or two CLI runs) never both dispatch. A holder that died loses
 * the lease at once when its pid is gone, else when it stops renewing (a reused pid after a reboot).
 */
export class QueueLease {
  readonly #db: Db;
  readonly #self: string;
  readonly #kind: LeaseKind;

  constructor(db: Db, self: string, kind: LeaseKind) {
    this.#db = db;
    this.#self = self;
    this.#kind = kind;
  }

  /** Takes the lease when it is free, ours, or its holder is gone; true when this instance holds it now. */
  tryAcquire(now = Date.now()): boolean {
    return this.#db
      .transaction(() => {
        const row = this.#row();
        if (row && row.owner !== this.#self && !isHolderGone(row, now)) return false;
        this.#db
          .prepare(
            `INSERT INTO queue_lease (slot, owner, pid, kind, acquired_at, expires_at) VALUES (1, @owner, @pid, @kind, @at, @expires)
             ON CONFLICT (slot) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, kind = excluded.kind,
               acquired_at = CASE WHEN queue_lease.owner = excluded.owner THEN queue_lease.acquired_at ELSE excluded.acquired_at END,
               expires_at = excluded.expires_at`,
          )
          .run({
            owner: this.#self,
            pid: process.pid,
            kind: this.#kind,
            at: new Date(now).toISOString(),
            expires: now + HEARTBEAT_EXPIRY_MS,
          });
        return true;
      })
      .immediate();
  }

  /** Extends the lease; false when another instance took it meanwhile (this one then stops claiming). */
  renew(now = Date.now()): boolean {
    return (
      this.#db
        .prepare('UPDATE queue_lease SET expires_at = ? WHERE slot = 1 AND owner = ?')
        .run(now + HEARTBEAT_EXPIRY_MS, this.#self).changes === 1
    );
  }

  /** Gives the lease up (at close), so the next process takes it without waiting for the expiry. */
  release(): void {
    try {
      this.#db.prepare('DELETE FROM queue_lease WHERE slot = 1 AND owner = ?').run(this.#self);
    } catch {
      // The database is already closed: the lease expires on its own.
    }
  }

  /** The live holder, or null when the queue has none (free, or its holder is gone). */
  holder(now = Date.now()): LeaseHolder | null {
    const row = this.#row();
    if (!row || isHolderGone(row, now)) return null;
    return { owner: row.owner, pid: row.pid, kind: row.kind, acquiredAt: row.acquired_at, expiresAt: row.expires_at };
  }

  #row(): LeaseRow | undefined {
    return this.#db.prepare('SELECT owner, pid, kind, acquired_at, expires_at FROM queue_lease WHERE slot = 1').get() as
      | LeaseRow
      | undefined;
  }
}

function isHolderGone(row: LeaseRow, now: number): boolean {
  if (now > row.expires_at) return true;
  // Another studio of this very process that was never closed (its instance is no longer live).
  if (row.pid === process.pid) return !liveInstances.has(row.owner);
  return !isProcessAlive(row.pid);
}
