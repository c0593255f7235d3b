/**
 * A file that hangs the decoder (a filter-bomb SVG that keeps librsvg busy for a long time) costs
 * one error: the watchdog kills its intake process within the limit, a new one takes the rest of
 * the batch, and closing the studio while such a file is in the intake cancels it at once.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceEntries } from '../../../src/main/core/entries.ts';
import { IntakePool } from '../../../src/main/core/intake/intake-pool.ts';
import { forkNodeProcess, type IsolatedProcessFactory } from '../../../src/main/core/intake/isolated-process.ts';
import { createStudio } from '../../../src/main/core/studio.ts';
import { MarqueError } from '../../../src/shared/errors.ts';
import { filterBombSvg } from '../../helpers/hostile-fixtures.ts';
import { tempDir } from '../../helpers/temp-dir.ts';
import { until } from '../../helpers/wait.ts';

/**
 * The watchdog's limit here. The bomb never finishes, so only the good files decide it: each must
 * decode within it on a loaded machine too (a 1.5 s limit failed a 40x30 PNG at load 20 on 2 cores).
 */
const TIMEOUT_MS = 4000;

let dir: { path: string; cleanup: () => Promise<void> };

/**
 * The Node host's factory, counting the processes it starts and the ones that have exited, and
 * noting when each became ready to decode (its ready message): the watchdog's clock starts there.
 */
function countingSpawn(): {
  spawn: IsolatedProcessFactory;
  started: () => number;
  exited: () => number;
  readyAt: () => readonly number[];
  exitCodes: () => readonly (number | null)[];
} {
  let started = 0;
  let exited = 0;
  const exitCodes: (number | null)[] = [];
  const readyAt: number[] = [];
  const spawn: IsolatedProcessFactory = (entry, name) => {
    started++;
    const child = forkNodeProcess(entry, name);
    child.onMessage((message) => {
      if ((message as { ready?: unknown }).ready === true) readyAt.push(performance.now());
    });
    child.onExit((code) => {
      exited++;
      exitCodes.push(code);
    });
    return child;
  };
  return { spawn, started: () => started, exited: () => exited, readyAt: () => readyAt, exitCodes: () => exitCodes };
}

async function writeGoodPngs(count: number): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(dir.path, `good-${i}.png`);
    await writeFile(
      path,
      await sharp({ create: { width: 40 + i, height: 30, channels: 4, background: '#457b9d' } })
        .png()
        .toBuffer(),
    );
    paths.push(path);
  }
  return paths;
}

beforeEach(async () => {
  dir = await tempDir('marque-watchdog-');
  await writeFile(join(dir.path, 'filter-bomb.svg'), filterBombSvg());
});

afterEach(async () => {
  await dir.cleanup();
});

describe('intake watchdog', () => {
  it('kills a hanging decode within its limit and carries on with a fresh process', async () => {
    const counter = countingSpawn();
    const pool = new IntakePool({
      entry: sourceEntries().intakeProcess,
      spawn: counter.spawn,
      size: 1,
      timeoutMs: TIMEOUT_MS,
    });
    try {
      const error = await pool.inspect(join(dir.path, 'filter-bomb.svg'), dir.path).then(
        () => null,
        (e: unknown) => e,
      );
      const failedAt = performance.now();
      expect(error).toBeInstanceOf(MarqueError);
      // Only the watchdog gives this code: the decode was stopped, not finished or crashed.
      expect((error as MarqueError).code).toBe('DECODE_TIMEOUT');
      expect((error as MarqueError).message).toMatch(/^filter-bomb\.svg: took too long to decode \(over 4 s\)/);
      // The limit counts from the process's ready signal (start-up is not the file's time), and
      // the file is not failed before it: timers never fire early (1 ms of rounding allowed).
      const [ready] = counter.readyAt();
      expect(ready).toBeDefined();
      expect(failedAt - (ready as number)).toBeGreaterThanOrEqual(TIMEOUT_MS - 1);
      // Killed, not left to finish: the process that held the bomb exits.
      await until(() => counter.exited() === 1, 'the hung intake process exits');
      // The next file gets a new process and decodes normally.
      const [good] = await writeGoodPngs(1);
      const result = await pool.inspect(good as string, dir.path);
      expect(result.format).toBe('png');
      expect(counter.started()).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('fails only the bomb in a batch: the rest of the batch imports', async () => {
    const goods = await writeGoodPngs(6);
    const studio = await createStudio({
      dataDir: join(dir.path, 'data'),
      intakeProcesses: 1,
      intakeTimeoutMs: TIMEOUT_MS,
    });
    try {
      const report = await studio.library.importPaths([
        goods[0] as string,
        join(dir.path, 'filter-bomb.svg'),
        ...goods.slice(1),
      ]);
      const summary = report.outcomes.map((o) => (o.status === 'failed' ? `${o.status} ${o.message}` : o.status));
      expect(report.imported, summary.join('\n')).toBe(6);
      expect(report.failed).toBe(1);
      const failed = report.outcomes.find((o) => o.status === 'failed');
      expect(failed?.status === 'failed' && failed.code).toBe('DECODE_TIMEOUT');
      expect(failed?.path.endsWith('filter-bomb.svg')).toBe(true);
      expect(studio.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await studio.close();
    }
  });

  it('closing the studio while the bomb is in the intake cancels it and leaves no process behind', async () => {
    const counter = countingSpawn();
    const studio = await createStudio({
      dataDir: join(dir.path, 'data'),
      intakeProcesses: 1,
      // Far longer than the test: only close() can stop this decode.
      intakeTimeoutMs: 60_000,
      spawn: counter.spawn,
    });
    const importing = studio.library.importPaths([join(dir.path, 'filter-bomb.svg')]);
    // The file is posted at spawn; once the process is ready it is decoding the bomb.
    await until(() => counter.readyAt().length === 1, 'the intake process is ready');
    await studio.close();
    // The import settles (the bomb is cancelled with the studio), rather than hanging.
    const settled = await importing.then(
      (report) => report.outcomes[0]?.status,
      () => 'rejected',
    );
    expect(['failed', 'rejected']).toContain(settled);
    // Killed by close (a decoder that finishes a file stays alive for the next one; this one
    // ends by a signal, with no exit code), long before its 60 s watchdog.
    await until(() => counter.exited() === 1, 'the intake process exits');
    expect(counter.exitCodes()).toEqual([null]);
  });
});
