import QRCode from 'qrcode';
import { useCallback, useEffect, useState } from 'react';
import type { ActivityEntry } from '../../../../shared/contract/activity.ts';
import type { PoolSettings } from '../../../../shared/contract/jobs.ts';
import { SHARE_DEFAULT_PORT, type ShareStatus } from '../../../../shared/contract/share.ts';
import type { StorageHealth, StorageStats } from '../../../../shared/contract/storage.ts';
import { client } from '../../api/client.ts';
import { formatBytes, formatDate, plural } from '../../components/format.ts';
import { useAppStore } from '../../stores/app-store.ts';
import { errorMessage, showToast } from '../../stores/toast-store.ts';

async function attempt<T>(what: string, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    showToast({ tone: 'error', message: `Could not ${what}: ${errorMessage(error)}` });
    return null;
  }
}

function useQr(link: string | null): string | null {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    if (!link) {
      setSvg(null);
      return;
    }
    let live = true;
    QRCode.toString(link, {
      type: 'svg',
      margin: 1,
      errorCorrectionLevel: 'M',
      color: { dark: '#000000', light: '#ffffff' },
    })
      .then((text) => live && setSvg(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`))
      .catch(() => live && setSvg(null));
    return () => {
      live = false;
    };
  }, [link]);
  return svg;
}

function ShareCard() {
  const [status, setStatus] = useState<ShareStatus | null>(null);
  const [host, setHost] = useState('');
  const [port, setPort] = useState('');
  const qr = useQr(status?.running ? status.link : null);
  useEffect(() => {
    void attempt('read the share', () => client.call('share.status', {})).then((next) => {
      if (next) {
        setStatus(next);
        setHost(next.host ?? next.addresses.find((a) => a.kind === 'lan')?.address ?? next.addresses[0]?.address ?? '');
        setPort(String(next.port || SHARE_DEFAULT_PORT));
      }
    });
    return client.on('share.changed', setStatus);
  }, []);
  if (!status) return <section className="card" aria-busy="true" />;
  const toggle = async () => {
    const next = status.running
      ? await attempt('stop the share', () => client.call('share.stop', {}))
      : await attempt('start the share', () =>
          client.call('share.start', { ...(host ? { host } : {}), ...(Number(port) ? { port: Number(port) } : {}) }),
        );
    if (next) setStatus(next);
  };
  return (
    <section className="card" aria-labelledby="settings-share">
      <div className="card__head">
        <h2 id="settings-share">Share with teammates</h2>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            aria-checked={status.running}
            aria-label="Share"
            checked={status.running}
            onChange={() => void toggle()}
          />
          <span>{status.running ? 'On' : 'Off'}</span>
        </label>
      </div>
      <p className="muted">Teammates on your network can browse, search and download — never change anything.</p>
      {!status.running && status.addresses.length > 0 && (
        <div className="field-row">
          <div className="field share__host">
            <label htmlFor="share-host">Address</label>
            <select id="share-host" className="input" value={host} onChange={(event) => setHost(event.target.value)}>
              {status.addresses.map((address) => (
                <option key={address.address} value={address.address}>
                  {address.label.includes(address.address) ? address.label : `${address.label} (${address.address})`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="share-port">Port</label>
            <input
              id="share-port"
              className="input input--number"
              type="number"
              min={1024}
              max={65535}
              value={port}
              onChange={(event) => setPort(event.target.value)}
            />
          </div>
        </div>
      )}
      {status.running && status.link && (
        <div className="share">
          {qr && <img className="share__qr" src={qr} alt="QR code of the share link" width={132} height={132} />}
          <div className="share__link">
            <code className="share__url">{status.link}</code>
            <div className="share__actions">
              <button
                type="button"
                className="button"
                onClick={() =>
                  void navigator.clipboard
                    .writeText(status.link ?? '')
                    .then(() => showToast({ tone: 'success', message: 'Link copied' }, 2000))
                    .catch(() => showToast({ tone: 'error', message: 'The clipboard is not available here' }))
                }
              >
                Copy link
              </button>
              <button
                type="button"
                className="button"
                onClick={() =>
                  void attempt('rotate the token', () => client.call('share.rotateToken', {})).then(
                    (next) => next && setStatus(next),
                  )
                }
              >
                New link (revoke old)
              </button>
            </div>
          </div>
        </div>
      )}
      {status.running && (
        <div>
          <h3 className="card__subhead">Connected</h3>
          {status.clients.length === 0 ? (
            <p className="muted">Nobody yet.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Last seen</th>
                  <th scope="col">Downloads</th>
                </tr>
              </thead>
              <tbody>
                {status.clients.map((c) => (
                  <tr key={c.address}>
                    <td>{c.address}</td>
                    <td>{formatDate(c.lastSeen)}</td>
                    <td>{c.downloads}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

function StorageCard() {
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

const KIND_LABELS: Record<ActivityEntry['kind'], string> = {
  import: 'Imported',
  update: 'Edited',
  delete: 'Trashed',
  restore: 'Restored',
  purge: 'Deleted for good',
  'replace-master': 'Replaced master',
  export: 'Exported',
  'share-download': 'Downloaded via share',
  quarantine: 'Quarantined',
};

function ActivityCard() {
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
                  {KIND_LABELS[entry.kind]} · {entry.clientAddress ?? 'This computer'} · {formatDate(entry.at)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

/** How many worker threads process recipes: more is faster, fewer leaves the machine responsive. */
function ProcessingCard() {
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

export function SettingsScreen() {
  const info = useAppStore((state) => state.info);
  return (
    <div className="page">
      <header className="page__header">
        <h1>Share &amp; Settings</h1>
      </header>
      <div className="settings">
        <div className="settings__column">
          <ShareCard />
          <ActivityCard />
        </div>
        <div className="settings__column">
          <StorageCard />
          <ProcessingCard />
          <section className="card" aria-labelledby="settings-about">
            <h2 id="settings-about">About</h2>
            <dl className="facts">
              <div className="facts__row">
                <dt>Data folder</dt>
                <dd className="mono">{info?.dataDir ?? '—'}</dd>
              </div>
              <div className="facts__row">
                <dt>Version</dt>
                <dd>
                  {info?.name} {info?.version}
                </dd>
              </div>
              <div className="facts__row">
                <dt>Library schema</dt>
                <dd>{info?.schemaVersion}</dd>
              </div>
            </dl>
          </section>
        </div>
      </div>
    </div>
  );
}
