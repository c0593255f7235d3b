import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * `npm test` is the everyday loop and stays under 8 minutes on 2 cores; CI also runs the slow
 * projects. Suites that size themselves with test/helpers/scale.ts run a seeded sample in `unit`
 * and everything in `slow`; *.slow.test.ts files (kill and fuzz loops, the wide sweeps) run in
 * `slow` only. The slow project is found here rather than listed by hand.
 */
function scaledSuites(): string[] {
  const root = join(import.meta.dirname, 'test/unit');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .filter(
      (file) => file.endsWith('.slow.test.ts') || readFileSync(join(root, file), 'utf8').includes('helpers/scale.ts'),
    )
    .map((file) => relative(import.meta.dirname, join(root, file)).replaceAll('\\', '/'))
    .sort();
}

/**
 * Tests start hundreds of Node processes on the TypeScript sources (intake processes, the CLI):
 * V8's compile cache, inherited through the environment, halves their start-up.
 */
const env = { NODE_COMPILE_CACHE: join(tmpdir(), 'marque-test-compile-cache') };

/** The end-to-end projects: Chromium against `marque serve`. */
const browserJourneys = {
  environment: 'node',
  env,
  testTimeout: 120_000,
  hookTimeout: 120_000,
  pool: 'forks',
  // Two files at a time: each has its own server, data folder and browser, and most of a test is
  // waiting on them, so two share the 2 cores without starving each other.
  maxWorkers: 2,
  // expect.poll gives up after 1 s by default. On a loaded 2-core CI runner one mutation and the
  // grid's refresh can take longer (a Delete then its refresh failed there at 1 s), so a poll
  // waits up to 10 s: an upper bound on waiting, not a speed assert.
  expect: { poll: { timeout: 10_000 } },
} as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // *.slow.test.ts run in the slow project only: kill and fuzz loops, the wide corpus
          // sweeps. Every behaviour they prove has a quick check here too.
          exclude: ['**/*.slow.test.ts'],
          environment: 'node',
          env,
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Native modules (sharp, better-sqlite3) and child processes: forks isolate them best.
          pool: 'forks',
          // Vitest's default on 2 cores is one worker; most files here wait on child processes,
          // worker pools and disk, so two at a time finish sooner without starving each other.
          maxWorkers: 2,
          provide: { fullScale: false },
        },
      },
      {
        test: {
          name: 'slow',
          include: scaledSuites(),
          environment: 'node',
          env,
          testTimeout: 300_000,
          hookTimeout: 300_000,
          pool: 'forks',
          maxWorkers: 2,
          provide: { fullScale: true },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          exclude: ['**/*.slow.test.ts'],
          ...browserJourneys,
        },
      },
      {
        // The rest of the journeys (layout, organising, settings, accessibility of every screen,
        // cross-site requests): `npm test` keeps one journey per capability, CI runs these too.
        test: {
          name: 'e2e-slow',
          include: ['test/e2e/**/*.slow.test.ts'],
          ...browserJourneys,
        },
      },
    ],
  },
});
