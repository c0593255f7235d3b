import { describe, expect, it } from 'vitest';
import { QueueProgress } from '../../../src/main/core/queue-progress.ts';
import type { Job, JobState } from '../../../src/shared/contract/jobs.ts';

const job = (id: string, state: JobState, progress: number) => ({ id, state, progress }) as unknown as Job;

describe('queue progress for the dock/taskbar', () => {
  it('folds a batch into one bar that only moves forward and clears when idle', () => {
    const p = new QueueProgress();
    expect(p.fraction()).toBeNull();
    p.apply({ jobs: [job('a', 'queued', 0), job('b', 'queued', 0)], removedIds: [] });
    expect(p.fraction()).toBe(0);
    p.apply({ jobs: [job('a', 'running', 50)], removedIds: [] });
    expect(p.fraction()).toBe(0.25);
    p.apply({ jobs: [job('a', 'done', 100), job('b', 'running', 50)], removedIds: [] });
    expect(p.fraction()).toBe(0.75);
    p.apply({ jobs: [job('b', 'failed', 50)], removedIds: [] });
    expect(p.active()).toBe(0);
    expect(p.fraction()).toBeNull();
  });
});
