import { useRef } from 'react';
import type { LogoVersion } from '../../../../shared/contract/library.ts';
import type { Logo } from '../../../../shared/domain.ts';
import { client } from '../../api/client.ts';
import { dimensions, formatBytes, formatDate, formatLabel } from '../../components/format.ts';
import { ACCEPT } from '../../components/import-picker.ts';
import { loadDetails } from '../../stores/details-store.ts';
import { refreshLibrary } from '../../stores/library-store.ts';
import { errorMessage, showToast } from '../../stores/toast-store.ts';

/** Desktop only: the core reads the new master by path, which a browser cannot give. */
function ReplaceMaster({ logo }: { logo: Logo }) {
  const input = useRef<HTMLInputElement>(null);
  const preload = window.marque;
  if (!preload) return null;
  return (
    <>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        Replace master…
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (!file) return;
          client
            .call('library.replaceMaster', { id: logo.id, path: preload.pathForFile(file) })
            .then(async () => {
              showToast({
                tone: 'success',
                message: `Replaced the master of ${logo.name}; the old one is kept as a version`,
              });
              await Promise.all([refreshLibrary(), loadDetails(logo.id)]);
            })
            .catch((error) =>
              showToast({ tone: 'error', message: `Could not replace the master: ${errorMessage(error)}` }),
            );
        }}
      />
    </>
  );
}

/** The logo's masters, newest first; shown once there is more than one, or to replace it. */
export function Versions({
  logo,
  versions,
  canEdit,
}: {
  logo: Logo;
  versions: readonly LogoVersion[];
  canEdit: boolean;
}) {
  if (versions.length < 2 && !(canEdit && window.marque)) return null;
  return (
    <section className="details__section" aria-labelledby="details-versions">
      <h3 id="details-versions">Versions</h3>
      {versions.length > 1 && (
        <ul className="outputs">
          {versions.map((version) => (
            <li key={version.version} className="outputs__item">
              <div className="outputs__head">
                <span className="outputs__recipe">Version {version.version}</span>
                {version.current && <span className="badge">Current</span>}
              </div>
              <span className="muted">
                {formatLabel(version)} · {dimensions(version)} · {formatBytes(version.byteSize)} ·{' '}
                {formatDate(version.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canEdit && <ReplaceMaster logo={logo} />}
    </section>
  );
}
