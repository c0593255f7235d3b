import { useShallow } from 'zustand/react/shallow';
import { showScreen, useAppStore } from '../stores/app-store.ts';
import { queueProgress, useJobsStore } from '../stores/jobs-store.ts';
import { useLibraryStore } from '../stores/library-store.ts';
import { useSelectionStore } from '../stores/selection-store.ts';
import { plural } from './format.ts';

/** Library size, selection and live queue progress, always in view. */
export function StatusBar() {
  const libraryTotal = useLibraryStore((state) => state.libraryTotal);
  const selected = useSelectionStore((state) => state.selected.size);
  const canEdit = useAppStore((state) => state.info?.canEdit === true);
  const progress = useJobsStore(useShallow((state) => queueProgress(state)));

  return (
    <footer className="statusbar">
      <span>{libraryTotal === null ? '' : plural(libraryTotal, 'logo')}</span>
      {selected > 0 && <span>{selected.toLocaleString()} selected</span>}
      <span className="statusbar__spacer" />
      {canEdit && (
        <button
          type="button"
          className="statusbar__queue"
          onClick={() => showScreen('queue')}
          aria-label={progress ? `Queue: ${progress.done} of ${progress.total} jobs finished` : 'Queue idle'}
        >
          {progress ? (
            <>
              <span>
                Processing {progress.done} of {progress.total}
              </span>
              <progress className="statusbar__progress" max={1} value={progress.fraction} aria-hidden="true" />
              <span>{Math.round(progress.fraction * 100)}%</span>
            </>
          ) : (
            <span data-testid="queue-idle">Queue idle</span>
          )}
        </button>
      )}
    </footer>
  );
}
