import type { z } from 'zod';
import type { Db } from './database/database.ts';

/**
 * Small app settings as JSON values in the `settings` table (migration 0015). Each reader passes a
 * zod schema, so a value written by an older or newer build falls back to the default instead of
 * breaking the app.
 */
export class Settings {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  get<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
    const row = this.#db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) return fallback;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : fallback;
    } catch {
      return fallback;
    }
  }

  set(key: string, value: unknown): void {
    this.#db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }
}
