import { useRef, useState } from 'react';
import { client } from '../../api/client.ts';
import { plural } from '../../components/format.ts';
import { loadCollections } from '../../stores/collections-store.ts';
import { refreshLibrary } from '../../stores/library-store.ts';
import { errorMessage, showToast, updateToast } from '../../stores/toast-store.ts';
import { DuplicatesDialog } from '../Library/DuplicatesDialog.tsx';

/** Moves a designer in from Eagle: the .library folder's path, typed or chosen (desktop app). */
function EagleImport() {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const choose = window.marque?.chooseFolder;
  const run = async () => {
    setBusy(true);
    const toast = showToast({ tone: 'info', message: 'Importing the Eagle library…' }, 0);
    try {
      const { report, collections, rated, skippedTrashed } = await client.call('library.importEagle', {
        path: path.trim(),
      });
      const parts = [
        `Imported ${plural(report.imported, 'logo')} from Eagle`,
        plural(collections, 'collection'),
        `${rated} rated`,
      ];
      if (report.duplicates) parts.push(`${report.duplicates} already in the library`);
      if (report.failed) parts.push(`${report.failed} failed`);
      if (skippedTrashed) parts.push(`${skippedTrashed} left in Eagle's trash`);
      updateToast(toast, {
        tone: report.failed && !report.imported ? 'error' : 'success',
        message: parts.join(' · '),
        details: report.outcomes.flatMap((o) => (o.status === 'failed' ? [o.message] : [])),
      });
      await Promise.all([refreshLibrary(), loadCollections()]);
    } catch (error) {
      updateToast(toast, { tone: 'error', message: `Could not import the Eagle library: ${errorMessage(error)}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="tools__eagle"
      aria-labelledby="tools-eagle"
      onSubmit={(event) => {
        event.preventDefault();
        if (path.trim()) void run();
      }}
    >
      <h3 id="tools-eagle">Import an Eagle library</h3>
      <p className="muted">
        The <span className="mono">.library</span> folder: names, tags, notes, star ratings and folders (as collections)
        come along.
      </p>
      <label className="field">
        <span>Eagle library folder</span>
        <span className="tools__row">
          <input
            className="input input--mono"
            value={path}
            placeholder="/Users/me/Logos.library"
            spellCheck={false}
            onChange={(event) => setPath(event.target.value)}
          />
          {choose && (
            <button
              type="button"
              className="button"
              onClick={() => void choose().then((folder) => folder && setPath(folder))}
            >
              Choose…
            </button>
          )}
        </span>
      </label>
      <button type="submit" className="button button--primary" disabled={busy || !path.trim()}>
        Import Eagle library
      </button>
    </form>
  );
}

/** Library tools in Settings: the duplicate finder and the Eagle import. */
export function LibraryToolsCard() {
  const [finding, setFinding] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <section className="card" aria-labelledby="settings-tools">
      <h2 id="settings-tools">Library tools</h2>
      <p className="muted">Logos that are the same file or look the same, to keep one of each.</p>
      <button ref={opener} type="button" className="button tools__button" onClick={() => setFinding(true)}>
        Find duplicates…
      </button>
      {finding && (
        <DuplicatesDialog
          onClose={() => {
            setFinding(false);
            // Focus goes back where the designer was.
            opener.current?.focus();
          }}
        />
      )}
      <EagleImport />
    </section>
  );
}
