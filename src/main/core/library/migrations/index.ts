import { logos } from './0010-logos.ts';
import type { Migration } from './migration.ts';

/** Every migration, in order. Imported as code (not read from disk) so packaging cannot lose one. */
export const migrations: readonly Migration[] = [logos];
