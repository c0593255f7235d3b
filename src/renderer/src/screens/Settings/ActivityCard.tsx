import { useEffect, useState } from 'react';
import type { ActivityEntry } from '../../../../shared/contract/activity.ts';
import { client } from '../../api/client.ts';
import { formatBytes, formatDate } from '../../components/format.ts';
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

export function ActivityCard() {
  const [entries, setEntries] = useState<readonly ActivityEntry[] | null>(null);
  useEffect(() => {
    void attempt('read the activity log', () => client.call('activity.list', { limit: 50 })).then((page) =>
      setEntries(page?.items ?? []),
    );
  }, []);
  return (
    <section className="card" aria-labelledby="settings-activity">
      <h2 id="settings-activity">Activity</h2>
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
                  {entry.count > 1 && ` · ${entry.count.toLocaleString()} times`}
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
