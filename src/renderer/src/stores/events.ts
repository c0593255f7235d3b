import { client } from '../api/client.ts';
import { openImportDialog, showOpenedFiles } from '../components/import-picker.ts';
import { applyExportProgress } from '../screens/Export/export-store.ts';
import { applyProofJobs } from '../screens/Proof/proof-store.ts';
import { loadCollections } from './collections-store.ts';
import { detailsId, loadDetails } from './details-store.ts';
import { applyJobsChange } from './jobs-store.ts';
import { refreshLibrary } from './library-store.ts';
import { pruneSelection } from './selection-store.ts';
import { loadSmartCollections } from './smart-collections-store.ts';

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

/** Coalesces bursts of changes (a folder import emits many) into one refresh, counts of collections included. */
function scheduleRefresh(): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    void refreshLibrary();
    void loadCollections();
    void loadSmartCollections();
  }, 120);
}

/**
 * Contract events write into the stores here, outside React, so every screen sees the same state
 * whether the change came from this window, the CLI or another client.
 */
export function wireEvents(): () => void {
  const stops = [
    client.on('library.changed', (change) => {
      scheduleRefresh();
      if (change.kind === 'deleted' || change.kind === 'purged' || change.kind === 'restored')
        pruneSelection(change.ids);
      const open = detailsId();
      if (open && change.ids.includes(open)) void loadDetails(open);
    }),
    client.on('jobs.changed', (change) => {
      applyJobsChange(change.jobs, change.removedIds);
      applyProofJobs(change.jobs);
      // A finished job adds an output to the logo on screen.
      const open = detailsId();
      if (open && change.jobs.some((job) => job.logoId === open && job.state === 'done')) void loadDetails(open);
    }),
    client.on('exports.progress', applyExportProgress),
    client.on('app.filesOpened', (opened) => void showOpenedFiles(opened)),
    // File › Import… in the menu runs the same picker as Cmd/Ctrl+O.
    client.on('app.command', ({ command }) => {
      if (command === 'import') openImportDialog();
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
