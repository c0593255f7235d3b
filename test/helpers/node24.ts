import { fileURLToPath } from 'node:url';

/** The repository root and the CLI entry, for tests that run `marque` as a real process. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI_ENTRY = fileURLToPath(new URL('../../bin/marque.mjs', import.meta.url));
