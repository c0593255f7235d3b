import { describe, expect, it } from 'vitest';
import {
  errorWithoutName,
  failureAdvice,
  groupByBatch,
  runSummary,
} from '../../../src/renderer/src/screens/Queue/queue-batches.ts';
import type { Job } from '../../../src/shared/contract/jobs.ts';

let seq = 0;
function job(over: Partial<Job>): Job {
  seq++;
  return {
    id: `job${String(seq).padStart(4, '0')}`,
    batchId: 'batch-a',
    logoId: `logo${seq}`,
    recipe: 'normalize',
    options: {},
    priority: 'batch',
    state: 'done',
    progress: 100,
    errorCode: null,
    errorMessage: null,
    attempts: 1,
    masterHash: 'h',
    processorVersion: 1,
    fromCache: false,
    files: [],
    facts: null,
    createdAt: `2026-01-01T00:00:${String(60 - seq).padStart(2, '0')}.000Z`,
    startedAt: null,
    finishedAt: null,
    ...over,
  };
}

describe('queue batches', () => {
  it('groups jobs by batch with counts, progress and retryable failures', () => {
    const jobs = [
      job({ batchId: 'b2', state: 'running', progress: 50 }),
      job({ batchId: 'b2', state: 'queued', progress: 0, recipe: 'palette' }),
      job({ batchId: 'b1', state: 'failed', errorCode: 'TIMEOUT' }),
      job({ batchId: 'b1', state: 'failed', errorCode: 'UNSUPPORTED_FORMAT' }),
      job({ batchId: 'b1' }),
    ];
    const [b2, b1] = groupByBatch(jobs);
    expect(b2).toMatchObject({ id: 'b2', logos: 2, fraction: 0.25, recipes: ['palette', 'normalize'] });
    expect(b1).toMatchObject({ id: 'b1', retryable: 1, counts: { failed: 2, done: 1 }, fraction: 1 });
    expect(b1?.createdAt).toBe(jobs[4]?.createdAt);
  });

  it('sums up a finished run with the most common reason, and names nothing when all went well', () => {
    const done = Array.from({ length: 118 }, () => job({}));
    const failed = [
      job({ state: 'failed', errorCode: 'UNSUPPORTED_FORMAT' }),
      job({ state: 'failed', errorCode: 'UNSUPPORTED_FORMAT' }),
    ];
    expect(runSummary(done)).toBe('118 done.');
    expect(runSummary([...done, ...failed])).toBe('118 done, 2 failed: the recipe cannot use that master.');
    expect(runSummary([...failed, job({ state: 'failed', errorCode: 'TIMEOUT' })])).toMatch(
      /^0 done, 3 failed: the recipe cannot use that master \(and 1 other reason\)\.$/,
    );
    expect(runSummary([])).toBeNull();
  });

  it('names the logo once and says what to do', () => {
    expect(errorWithoutName('acme: test-fail refuses this logo', 'acme')).toBe('Test-fail refuses this logo');
    expect(errorWithoutName('acme (pdf): no paths', 'acme')).toBe('No paths');
    expect(errorWithoutName('no paths in acme', 'acme')).toBe('no paths in acme');
    expect(errorWithoutName('The master of "acme" is missing from the store', 'acme')).toBe(
      'The master is missing from the store',
    );
    expect(failureAdvice({ errorCode: 'UNSUPPORTED_FORMAT' })).toMatch(/retrying will not help/);
    expect(failureAdvice({ errorCode: 'TIMEOUT' })).toMatch(/^Retry/);
  });
});
