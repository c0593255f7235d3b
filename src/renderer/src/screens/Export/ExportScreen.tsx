import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { mediaPath } from '../../../../shared/client.ts';
import { type CONFLICT_MODES, templateProblem } from '../../../../shared/contract/exports.ts';
import { client } from '../../api/client.ts';
import { formatBytes, plural } from '../../components/format.ts';
import { Icon } from '../../components/Icon.tsx';
import { showScreen, useAppStore } from '../../stores/app-store.ts';
import { useCollectionsStore } from '../../stores/collections-store.ts';
import { useLibraryStore } from '../../stores/library-store.ts';
import { useSelectionStore } from '../../stores/selection-store.ts';
import { errorMessage, showToast } from '../../stores/toast-store.ts';
import { ExportProofButton } from '../Proof/ProofButton.tsx';
import { ExportFailures } from './ExportFailures.tsx';
import { checkInterrupted, loadExportChoices, saveExportChoices, useExportStore } from './export-store.ts';
import { InkPreview } from './InkPreview.tsx';
import { InterruptedNotice } from './InterruptedNotice.tsx';
import { PlanTree } from './PlanTree.tsx';
import { RecipePicker } from './RecipePicker.tsx';

/** The zip's name: the collection the Library shows, when every selected logo came from it. */
function zipTitle(): string | undefined {
  const collectionId = useLibraryStore.getState().filters.collection;
  if (!collectionId) return undefined;
  return useCollectionsStore.getState().collections.find((c) => c.id === collectionId)?.name;
}

function request(ids: readonly string[], resume?: boolean) {
  const state = useExportStore.getState();
  const title = zipTitle();
  return {
    ...(resume ? { resume } : {}),
    ...(title ? { title } : {}),
    logoIds: [...ids],
    recipes: Object.entries(state.recipes).map(([recipe, options]) => ({ recipe, options })),
    destination: state.destination.trim(),
    template: state.template,
    conflict: state.conflict,
    zip: state.zip,
  };
}

/** Desktop: the OS folder picker fills the destination. */
async function chooseFolder(): Promise<void> {
  const folder = await window.marque?.chooseFolder?.();
  if (folder) {
    useExportStore.setState({ destination: folder, plan: null });
    checkInterrupted(0);
  }
}

/** Starts a browser download of a same-origin URL (the zip the server just built). */
function startDownload(url: string, fileName: string): void {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

async function run(
  kind: 'preview' | 'export' | 'queue' | 'download',
  ids: readonly string[],
  resume?: boolean,
): Promise<void> {
  const writes = kind === 'export' || kind === 'download';
  // A preview replaces the last export's summary: the tree shown is always this folder as it is now.
  useExportStore.setState({
    busy: kind,
    error: null,
    ...(writes ? { summary: null, progress: null } : kind === 'preview' ? { summary: null, plan: null } : {}),
  });
  saveExportChoices();
  try {
    if (kind === 'queue') {
      const { recipes } = useExportStore.getState();
      let queued = 0;
      // One click, one batch: the later recipes join the first request's batch.
      let batchId: string | undefined;
      for (const [recipe, options] of Object.entries(recipes)) {
        const reply = await client.call('jobs.enqueue', { logoIds: [...ids], recipe, options, batchId });
        batchId ??= reply.jobs[0]?.batchId;
        queued += reply.jobs.length;
      }
      showToast({
        tone: 'success',
        message: `Queued ${plural(queued, 'job')}`,
        action: { label: 'Show queue', run: () => showScreen('queue') },
      });
    } else if (kind === 'preview') {
      useExportStore.setState({ plan: await client.call('exports.preview', request(ids)) });
    } else if (kind === 'download') {
      const { destination: _d, zip: _z, conflict: _c, ...rest } = request(ids);
      const reply = await client.call('exports.download', rest);
      useExportStore.setState({ summary: reply.summary, plan: null });
      startDownload(reply.url, reply.fileName);
    } else {
      const summary = await client.call('exports.run', request(ids, resume));
      useExportStore.setState({ summary, plan: null });
      checkInterrupted(0);
    }
  } catch (error) {
    useExportStore.setState({ error: errorMessage(error) });
  } finally {
    useExportStore.setState({ busy: null });
  }
}

function Selection({ ids }: { ids: readonly string[] }) {
  return (
    <section className="card" aria-labelledby="export-selection">
      <h2 id="export-selection">{plural(ids.length, 'logo')} selected</h2>
      <ul className="strip">
        {ids.slice(0, 14).map((id) => (
          <li key={id} className="strip__item checkerboard">
            <img src={mediaPath('thumb', id)} alt="" />
          </li>
        ))}
        {ids.length > 14 && <li className="strip__more">+{ids.length - 14}</li>}
      </ul>
      <ExportProofButton ids={ids} />
    </section>
  );
}

export function ExportScreen() {
  useEffect(() => {
    void loadExportChoices();
  }, []);
  const selected = useSelectionStore((state) => state.selected);
  const mode = useAppStore((state) => state.info?.mode);
  const s = useExportStore(useShallow((state) => state));
  const ids = [...selected];
  const problem = templateProblem(s.template);
  const recipeCount = Object.keys(s.recipes).length;
  const ready = ids.length > 0 && recipeCount > 0;
  const canWrite = ready && !problem && s.destination.trim() !== '' && s.busy === null;
  // Browser mode can hand the batch over as one zip download instead of writing a folder.
  const canDownload = mode === 'browser' && ready && !problem && s.busy === null;

  if (ids.length === 0) {
    return (
      <div className="page">
        <header className="page__header">
          <h1>Export</h1>
        </header>
        <div className="empty">
          <Icon name="export" size={40} />
          <h2>Select logos to export</h2>
          <p>Pick one or more logos in the Library, then come back here (or press Ctrl/⌘+E).</p>
          <button type="button" className="button button--primary" onClick={() => showScreen('library')}>
            Go to the Library
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="page page--export">
      <header className="page__header">
        <h1>Export</h1>
      </header>
      <div className="export">
        <div className="export__form">
          <Selection ids={ids} />
          <RecipePicker />
          <InkPreview ids={ids} />
          <section className="card" aria-labelledby="export-destination">
            <h2 id="export-destination">Destination</h2>
            <div className="field">
              <label htmlFor="export-folder">Folder{mode === 'browser' ? ' on the computer running Marque' : ''}</label>
              <span className="field-row field-row--tight">
                <input
                  id="export-folder"
                  className="input"
                  placeholder="/Users/you/Desktop/Brand kit"
                  value={s.destination}
                  onChange={(event) => {
                    useExportStore.setState({ destination: event.target.value, plan: null });
                    checkInterrupted();
                  }}
                />
                {window.marque?.chooseFolder && (
                  <button type="button" className="button" onClick={() => void chooseFolder()}>
                    Choose…
                  </button>
                )}
              </span>
            </div>
            <label className="field">
              <span>Naming template</span>
              <input
                className="input input--mono"
                value={s.template}
                aria-invalid={problem ? true : undefined}
                aria-describedby="template-help"
                onChange={(event) => useExportStore.setState({ template: event.target.value, plan: null })}
              />
              <span id="template-help" className={problem ? 'field__error' : 'muted'}>
                {problem ?? 'Tokens: {name} {recipe} {colourway} {size} {colour} {date} {file}'}
              </span>
            </label>
            <div className="field-row">
              <label className="field">
                <span>If a file exists</span>
                <select
                  className="input"
                  value={s.conflict}
                  onChange={(event) =>
                    useExportStore.setState({
                      conflict: event.target.value as (typeof CONFLICT_MODES)[number],
                      plan: null,
                    })
                  }
                >
                  <option value="rename">Keep both (rename)</option>
                  <option value="overwrite">Replace it</option>
                  <option value="skip">Skip it</option>
                </select>
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={s.zip}
                  onChange={(event) => useExportStore.setState({ zip: event.target.checked, plan: null })}
                />
                One zip file
              </label>
            </div>
          </section>
          {s.interrupted && !s.zip && (
            <InterruptedNotice
              interrupted={s.interrupted}
              disabled={!canWrite}
              onResume={() => void run('export', ids, true)}
            />
          )}
          {s.error && (
            <div className="banner banner--error" role="alert">
              {s.error}
            </div>
          )}
          <div className="export__actions">
            <button
              type="button"
              className="button"
              disabled={!ready || s.busy !== null}
              onClick={() => void run('queue', ids)}
            >
              <Icon name="queue" size={16} />
              Queue recipes
            </button>
            <span className="toolbar__spacer" />
            <button type="button" className="button" disabled={!canWrite} onClick={() => void run('preview', ids)}>
              {s.busy === 'preview' ? 'Preparing…' : 'Preview files'}
            </button>
            <button
              type="button"
              className={mode === 'browser' ? 'button' : 'button button--primary'}
              disabled={!canWrite}
              onClick={() => void run('export', ids)}
            >
              <Icon name="export" size={16} />
              {s.busy === 'export' ? 'Exporting…' : `Export ${plural(ids.length, 'logo')}`}
            </button>
            {mode === 'browser' && (
              <button
                type="button"
                className="button button--primary"
                disabled={!canDownload}
                onClick={() => void run('download', ids)}
              >
                <Icon name="download" size={16} />
                {s.busy === 'download' ? 'Building zip…' : 'Download zip'}
              </button>
            )}
          </div>
        </div>
        <aside className="export__result card" aria-label="Result" aria-live="polite">
          {(s.busy === 'export' || s.busy === 'download') && s.progress && (
            <div className="export__progress">
              <span>
                {s.progress.phase === 'producing'
                  ? 'Producing'
                  : s.progress.phase === 'writing'
                    ? 'Writing'
                    : 'Verifying'}{' '}
                {s.progress.done} of {s.progress.total}
              </span>
              <progress max={s.progress.total || 1} value={s.progress.done} aria-label="Export progress" />
              <button
                type="button"
                className="button"
                onClick={() => {
                  const exportId = useExportStore.getState().progress?.exportId;
                  if (exportId)
                    void client
                      .call('exports.cancel', { exportId })
                      .catch((error: unknown) =>
                        showToast({ tone: 'error', message: `Could not cancel the export: ${errorMessage(error)}` }),
                      );
                }}
              >
                Cancel
              </button>
            </div>
          )}
          {s.summary ? (
            <div className="export__summary" data-testid="export-summary">
              <h2>
                <Icon name="check" size={16} /> Wrote {plural(s.summary.written.length, 'file')} ·{' '}
                {formatBytes(s.summary.totalBytes)}
              </h2>
              <p className="muted export__path">{s.summary.zipPath ?? s.summary.destination}</p>
              {s.summary.resumed && (
                <p className="muted">
                  Finished the interrupted export: {plural(s.summary.resumed.kept, 'file')} were already there
                </p>
              )}
              {window.marque?.showInFolder && s.summary.written.length > 0 && (
                <button
                  type="button"
                  className="button"
                  onClick={() => void window.marque?.showInFolder?.(s.summary?.zipPath ?? s.summary?.destination ?? '')}
                >
                  Show in folder
                </button>
              )}
              {s.summary.skipped.length > 0 && (
                <p className="muted">{plural(s.summary.skipped.length, 'file')} skipped (already there)</p>
              )}
              {s.summary.warnings.length > 0 && (
                <ul className="export__failures" aria-label="Warnings">
                  {s.summary.warnings.map((warning) => (
                    <li key={`${warning.logoId}-${warning.recipe}-${warning.message}`}>
                      {warning.logoName} · {warning.recipe}: {warning.message}
                    </li>
                  ))}
                </ul>
              )}
              <ExportFailures failures={s.summary.failures} />
            </div>
          ) : s.plan ? (
            <PlanTree plan={s.plan} />
          ) : (
            <p className="muted">
              Choose a folder and preview the files to see the exact tree before anything is written.
            </p>
          )}
        </aside>
      </div>
    </div>
  );
}
