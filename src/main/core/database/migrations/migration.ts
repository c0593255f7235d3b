import type Database from 'better-sqlite3';

/** One schema step. Versions are increasing integers; never edit a migration that has shipped. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
