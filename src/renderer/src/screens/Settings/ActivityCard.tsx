import { useCallback, useEffect, useState } from 'react';
import type { ActivityEntry, ActivityLogSize } from '../../../../shared/contract/activity.ts';
import { client } from '../../api/client.ts';
import { formatBytes, formatDate, plural } from '../../components/format.ts';
import { showToast } from '../../stores/toast-store.ts';
import { attempt } from './settings-actions.ts';

const KIND_LABELS: Record<ActivityEntry['kind'], string> = {
  import: 'Imported',
  update: 'Edited',
  delete: 'Trashed',
  restore: 'Restored',
  purge: 'Deleted for good',
  'replace-master': 'Replaced master',
  export: 'Exported',
  'share-download': 'Downloaded via share',
  'share-browse': 'Browsed via share',
  quarantine: 'Quarantined',
};

/** Share lines stand for a teammate's day: views and downloads are named as such, never as "times". */
function countText(entry: ActivityEntry): string {
  if (entry.kind === 'share-browse') return ` · ${plural(entry.count, 'view')}`;
  if (entry.kind === 'share-download') return ` · ${plural(entry.count, 'download')}`;
  return entry.count > 1 ? ` · ${entry.count.toLocaleString()} times` : '';
}

/** Share traffic changes the log constantly: reload it at most this often while teammates are active. */
const RELOAD_AFTER_SHARE_MS = 1_000;

export function ActivityCard() {
  const [entries, setEntries] = useState<readonly ActivityEntry[] | null>(null);
  const [size, setSize] = useState<ActivityLogSize | null>(null);
  const [days, setDays] = useState('');
  const load = useCallback(async () => {
    const [page, nextSize] = await Promise.all([
      attempt('read the activity log', () => client.call('activity.list', { limit: 50 })),
      attempt('read the activity log size', () => client.call('activity.size', {})),
    ]);
    setEntries(page?.items ?? []);
    setSize(nextSize);
    if (nextSize) setDays((current) => current || String(nextSize.retentionDays));
  }, []);
  useEffect(() => {
    void load();
    // Teammates' views and downloads arrive with the share's client updates; one reload per burst.
    let pending: ReturnType<typeof setTimeout> | null = null;
    const off = client.on('share.changed', () => {
      pending ??= setTimeout(() => {
        pending = null;
        void load();
      }, RELOAD_AFTER_SHARE_MS);
    });
    return () => {
      off();
      if (pending) clearTimeout(pending);
    };
  }, [load]);
  const wanted = Number(days);
  const valid = Number.isInteger(wanted) && wanted >= 1 && wanted <= 36_500;
  return (
    <section className="card" aria-labelledby="settings-activity">
      <h2 id="settings-activity">Activity</h2>
      {size && (
        <form
          className="field-row"
          onSubmit={(event) => {
            event.preventDefault();
            if (!valid) return;
            void attempt('set how long the activity log is kept', () =>
              client.call('activity.setRetention', { days: wanted }),
            ).then((next) => {
              if (!next) return;
              showToast({ tone: 'success', message: `Activity is kept ${plural(next.retentionDays, 'day')}` });
              void load();
            });
          }}
        >
          <div className="field field--inline">
            <label htmlFor="settings-activity-days">Keep activity (days)</label>
            <input
              id="settings-activity-days"
              className="input input--number"
              type="number"
              min={1}
              max={36_500}
              value={days}
              onChange={(event) => setDays(event.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={!valid || wanted === size.retentionDays}>
            Apply
          </button>
        </form>
      )}
      {entries === null ? null : entries.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1, axe scrollable-region-focusable).
        <section className="activity" tabIndex={0} aria-label="Activity log, scrollable">
          <ul className="activity__list">
            {entries.map((entry) => (
              <li key={entry.id}>
                <span className="activity__what">{entry.detail || KIND_LABELS[entry.kind]}</span>
                <span className="muted">
                  {KIND_LABELS[entry.kind]}
                  {countText(entry)}
                  {entry.bytes !== null && ` · ${formatBytes(entry.bytes)}`} · {entry.clientAddress ?? 'This computer'}{' '}
                  · {formatDate(entry.at)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
