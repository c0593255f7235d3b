import { useCallback, useEffect, useState } from 'react';
import type { StorageHealth, StorageStats } from '../../../../shared/contract/storage.ts';
import { client } from '../../api/client.ts';
import { formatBytes, plural } from '../../components/format.ts';
import { showToast } from '../../stores/toast-store.ts';
import { attempt } from './settings-actions.ts';

export function StorageCard() {
  const [stats, setStats] = useState<StorageStats | null>(null);
  const [health, setHealth] = useState<StorageHealth | null>(null);
  const [capMb, setCapMb] = useState('');
  const reload = useCallback(async () => {
    const [nextStats, nextHealth] = await Promise.all([
      attempt('read storage', () => client.call('storage.stats', {})),
      attempt('check storage', () => client.call('storage.health', {})),
    ]);
    setStats(nextStats);
    setHealth(nextHealth);
    // Megabytes of 1,000,000 bytes, like every size shown in Marque.
    // Only fill the field once: a refresh must not overwrite what the designer is typing.
    if (nextStats) setCapMb((current) => current || String(Math.round(nextStats.capBytes / 1e6)));
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  if (!stats) return <section className="card" aria-busy="true" />;
  const rows = [
    ['Originals', stats.originals],
    ['Thumbnails', stats.thumbnails],
    ['Previews', stats.previews],
    ['Outputs', stats.outputs],
  ] as const;
  const used = Math.min(1, stats.cacheBytes / Math.max(1, stats.capBytes));
  return (
    <section className="card" aria-labelledby="settings-storage">
      <div className="card__head">
        <h2 id="settings-storage">Storage</h2>
        {health && (
          <span className={`badge badge--${health.status}`}>
            {health.status === 'healthy' ? 'Healthy' : health.status === 'warning' ? 'Needs attention' : 'Problem'}
          </span>
        )}
      </div>
      {health?.reasons.map((reason) => (
        <p key={reason.code} className={reason.status === 'error' ? 'field__error' : 'muted'}>
          {reason.message}
        </p>
      ))}
      <dl className="facts">
        {rows.map(([label, usage]) => (
          <div key={label} className="facts__row">
            <dt>{label}</dt>
            <dd>
              {plural(usage.count, 'file')} · {formatBytes(usage.bytes)}
            </dd>
          </div>
        ))}
        <div className="facts__row">
          <dt>Activity log</dt>
          <dd>
            {plural(stats.activityLog.rows, 'entry', 'entries')} · {formatBytes(stats.activityLog.bytes)} · kept{' '}
            {plural(stats.activityLog.retentionDays, 'day')}
          </dd>
        </div>
        <div className="facts__row">
          <dt>Disk free</dt>
          <dd>
            {formatBytes(stats.disk.freeBytes)} of {formatBytes(stats.disk.totalBytes)}
          </dd>
        </div>
      </dl>
      <div className="field">
        <span>
          Cache: {formatBytes(stats.cacheBytes)} of {formatBytes(stats.capBytes)}
        </span>
        <progress max={1} value={used} aria-label="Cache used" />
      </div>
      <form
        className="field-row"
        onSubmit={(event) => {
          event.preventDefault();
          const bytes = Math.round(Number(capMb) * 1e6);
          void attempt('set the cache cap', () => client.call('storage.setCap', { bytes })).then(
            (next) => next && setStats(next),
          );
        }}
      >
        <label className="field field--inline">
          <span>Cache cap (MB)</span>
          <input
            className="input input--number"
            type="number"
            min={1}
            value={capMb}
            onChange={(event) => setCapMb(event.target.value)}
          />
        </label>
        <button type="submit" className="button">
          Set cap
        </button>
        <span className="toolbar__spacer" />
        <button
          type="button"
          className="button button--danger"
          onClick={() =>
            void attempt('clear the cache', () => client.call('storage.clear', { olderThanDays: 0 })).then((report) => {
              if (report)
                showToast({
                  tone: 'success',
                  message: `Cleared ${plural(report.removed, 'file')} · ${formatBytes(report.freedBytes)} freed`,
                });
              void reload();
            })
          }
        >
          Clear cache
        </button>
      </form>
    </section>
  );
}
