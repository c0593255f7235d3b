import Database from 'better-sqlite3';
import { MarqueError } from '../../../shared/errors.ts';
import { migrations } from './migrations/index.ts';

export type Db = Database.Database;

/** Opens (creating if needed) the library database with the pragmas docs/security.md asks for. */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    // busy_timeout first, so a second process (CLI beside the app) waits instead of failing.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (process.platform === 'darwin') db.pragma('fullfsync = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof MarqueError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new MarqueError('LIBRARY_BUSY', `The library at ${file} is in use by another process; try again.`, {
        cause: error,
      });
    }
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies pending numbered migrations in one transaction; refuses a database from the future. */
export function migrate(db: Db): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new MarqueError(
      'INTERNAL',
      `This library was written by a newer Marque (schema ${current}, this build knows ${latest}). Update Marque to open it.`,
    );
  }
  if (current === latest) return;
  db.transaction(() => {
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}
