import type { Bench } from './bench.ts';

/** Every benchmark section, by name (`npm run bench -- <name>` runs one). */
export const sections: Record<string, Bench> = {};
