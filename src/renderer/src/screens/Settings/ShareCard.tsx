import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { SHARE_DEFAULT_PORT, type ShareStatus } from '../../../../shared/contract/share.ts';
import { client } from '../../api/client.ts';
import { logQuietly } from '../../api/report-error.ts';
import { formatDate } from '../../components/format.ts';
import { showToast } from '../../stores/toast-store.ts';
import { attempt } from './settings-actions.ts';

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
      .catch((error: unknown) => {
        // The link is still shown as text to copy.
        logQuietly('drawing the share QR code', error);
        if (live) setSvg(null);
      });
    return () => {
      live = false;
    };
  }, [link]);
  return svg;
}

export function ShareCard() {
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
                  <th scope="col">Views</th>
                  <th scope="col">Downloads</th>
                </tr>
              </thead>
              <tbody>
                {status.clients.map((c) => (
                  <tr key={c.address}>
                    <td>{c.address}</td>
                    <td>{formatDate(c.lastSeen)}</td>
                    <td>{c.views}</td>
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
