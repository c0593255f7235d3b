import { useEffect, useState } from 'react';
import type { PoolSettings } from '../../../../shared/contract/jobs.ts';
import { client } from '../../api/client.ts';
import { plural } from '../../components/format.ts';
import { showToast } from '../../stores/toast-store.ts';
import { attempt } from './settings-actions.ts';

/** How many worker threads process recipes: more is faster, fewer leaves the machine responsive. */
export function ProcessingCard() {
  const [pool, setPool] = useState<PoolSettings | null>(null);
  const [workers, setWorkers] = useState('');
  useEffect(() => {
    void attempt('read the worker settings', () => client.call('jobs.poolSettings', {})).then((next) => {
      setPool(next);
      if (next) setWorkers(String(next.workers));
    });
  }, []);
  if (!pool) return null;
  const wanted = Number(workers);
  const valid = Number.isInteger(wanted) && wanted >= 1 && wanted <= pool.maxWorkers;
  return (
    <section className="card" aria-labelledby="settings-processing">
      <h2 id="settings-processing">Processing</h2>
      <p className="muted">
        Recipes run on {plural(pool.workers, 'worker thread')}. The default for this computer is {pool.defaultWorkers}.
        Fewer threads keep other apps responsive during big batches.
      </p>
      <form
        className="field-row"
        onSubmit={(event) => {
          event.preventDefault();
          if (!valid) return;
          void attempt('set the worker count', () => client.call('jobs.setWorkers', { workers: wanted })).then(
            (next) => {
              if (!next) return;
              setPool(next);
              showToast({ tone: 'success', message: `Recipes now run on ${plural(next.workers, 'worker thread')}` });
            },
          );
        }}
      >
        <div className="field field--inline">
          <label htmlFor="settings-workers">Worker threads</label>
          <input
            id="settings-workers"
            className="input input--number"
            type="number"
            min={1}
            max={pool.maxWorkers}
            value={workers}
            onChange={(event) => setWorkers(event.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={!valid || wanted === pool.workers}>
          Apply
        </button>
      </form>
    </section>
  );
}
