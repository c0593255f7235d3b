import { useEffect, useRef, useState } from 'react';
import { mediaPath } from '../../../../shared/client.ts';
import type { DuplicateGroup, DuplicateReport } from '../../../../shared/contract/library.ts';
import { client } from '../../api/client.ts';
import { dimensions, formatDate, formatLabel, plural } from '../../components/format.ts';
import { Icon } from '../../components/Icon.tsx';
import { trashLogos } from '../../stores/library-actions.ts';
import { errorMessage } from '../../stores/toast-store.ts';

function groupTitle(group: DuplicateGroup): string {
  return `${group.kind === 'identical' ? 'The same file' : 'Look the same'}: ${plural(group.logos.length, 'logo')}`;
}

/** One group: pick the logo to keep (the oldest import by default); "Keep one" trashes the others. */
function Group({ group, index, onKept }: { group: DuplicateGroup; index: number; onKept: () => void }) {
  const [keep, setKeep] = useState(group.logos[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  return (
    <li>
      <fieldset className="duplicates__group">
        <legend>{groupTitle(group)}</legend>
        <ul className="duplicates__logos">
          {group.logos.map((logo) => (
            <li key={logo.id}>
              <label className="duplicates__logo">
                <input
                  type="radio"
                  name={`duplicates-keep-${index}`}
                  checked={keep === logo.id}
                  onChange={() => setKeep(logo.id)}
                />
                <span className="duplicates__thumb checkerboard">
                  <img src={mediaPath('thumb', logo.id)} alt="" decoding="async" />
                </span>
                <span className="duplicates__name" title={logo.name}>
                  {logo.name}
                </span>
                <span className="duplicates__meta">
                  {formatLabel(logo)} · {logo.isVector ? 'Vector' : dimensions(logo)} · imported{' '}
                  {formatDate(logo.importedAt)}
                </span>
              </label>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void trashLogos(group.logos.filter((logo) => logo.id !== keep).map((logo) => logo.id)).then(onKept);
          }}
        >
          Keep one
        </button>
      </fieldset>
    </li>
  );
}

/**
 * The duplicate finder: groups of logos that are the same file or look the same (perceptual
 * hash), each with thumbnails and "Keep one", which moves the others to the Trash with Undo.
 */
export function DuplicatesDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [report, setReport] = useState<DuplicateReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kept, setKept] = useState<ReadonlySet<number>>(new Set());

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    let live = true;
    client
      .call('library.duplicates', {})
      .then((reply) => live && setReport(reply))
      .catch((reason: unknown) => live && setError(errorMessage(reason)));
    return () => {
      live = false;
    };
  }, []);

  const groups = report?.groups.map((group, index) => ({ group, index })).filter(({ index }) => !kept.has(index));
  return (
    <dialog ref={dialog} className="dialog duplicates" aria-labelledby="duplicates-title" onClose={onClose}>
      <header className="dialog__head">
        <h2 id="duplicates-title">Duplicates</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => dialog.current?.close()}>
          <Icon name="close" size={16} />
        </button>
      </header>
      <div className="dialog__body" aria-live="polite">
        {error && <p className="field__error">Could not look for duplicates: {error}</p>}
        {!report && !error && <p className="muted">Looking for duplicates…</p>}
        {report && groups?.length === 0 && <p>No duplicates among {plural(report.checked, 'logo')}.</p>}
        {report && groups && groups.length > 0 && (
          <>
            <p className="muted">
              {plural(groups.length, 'group')} among {plural(report.checked, 'logo')}. The oldest import is chosen to
              keep; the others go to the Trash (Undo brings them back).
            </p>
            <ul className="duplicates__groups">
              {groups.map(({ group, index }) => (
                <Group
                  key={group.logos.map((logo) => logo.id).join()}
                  group={group}
                  index={index}
                  onKept={() => setKept((current) => new Set(current).add(index))}
                />
              ))}
            </ul>
          </>
        )}
      </div>
    </dialog>
  );
}
