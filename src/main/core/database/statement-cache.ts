import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

/** Distinct SQL texts kept; dynamic IN (…) lists could otherwise grow the cache without end. */
const MAX_STATEMENTS = 256;

/**
 * Prepared statements by SQL text. Preparing parses and plans the SQL every time, and on the
 * queue's hot path (claim, record, mark done: several statements per job) that cost more main-thread
 * time than running them. A cached statement must not be used again while one of its own
 * `iterate()` loops is open, so iterating queries keep preparing their own.
 */
export class StatementCache {
  readonly #db: Db;
  readonly #statements = new Map<string, Statement>();

  constructor(db: Db) {
    this.#db = db;
  }

  get(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      if (this.#statements.size >= MAX_STATEMENTS) this.#statements.clear();
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
