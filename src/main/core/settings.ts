import type { z } from 'zod';
import { MarqueError } from '../../shared/errors.ts';
import type { Db } from './database/database.ts';

/** One setting: its key in the `settings` table, the schema its value must pass, and its default. */
export interface SettingSpec<T> {
  readonly key: string;
  readonly schema: z.ZodType<T>;
  readonly fallback: T;
}

/** Declares a setting beside the code that owns it. */
export function setting<T>(key: string, schema: z.ZodType<T>, fallback: T): SettingSpec<T> {
  return { key, schema, fallback };
}

/**
 * Small app settings as JSON values in the `settings` table (migration 0015), each read and written
 * through its zod schema. A stored value that no longer passes (written by an older or newer build,
 * or edited by hand) reads as the default instead of breaking the app; a value that does not pass
 * is never written.
 */
export class Settings {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  get<T>(spec: SettingSpec<T>): T {
    const row = this.#db.prepare('SELECT value FROM settings WHERE key = ?').get(spec.key) as
      | { value: string }
      | undefined;
    if (!row) return spec.fallback;
    let stored: unknown;
    try {
      stored = JSON.parse(row.value);
    } catch {
      return spec.fallback;
    }
    const parsed = spec.schema.safeParse(stored);
    return parsed.success ? parsed.data : spec.fallback;
  }

  set<T>(spec: SettingSpec<T>, value: T): void {
    const parsed = spec.schema.safeParse(value);
    if (!parsed.success) {
      throw new MarqueError(
        'INVALID_INPUT',
        `Setting ${spec.key} not saved: ${parsed.error.issues[0]?.message ?? 'invalid value'}`,
      );
    }
    this.#db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(spec.key, JSON.stringify(parsed.data));
  }
}
