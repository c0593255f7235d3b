import { create } from 'zustand';
import type { LogoOutput } from '../../../shared/contract/jobs.ts';
import { client } from '../api/client.ts';
import { logQuietly } from '../api/report-error.ts';
import { ensurePage, logoAt, PAGE_SIZE, useLibraryStore } from './library-store.ts';
import { selectAt, setCursor } from './selection-store.ts';

interface QuickLookState {
  /** The grid index shown, or null when Quick Look is closed. */
  readonly index: number | null;
  /** The shown logo's outputs, for the "Show" picker (empty until read, or when there are none). */
  readonly outputs: readonly LogoOutput[];
}

export const useQuickLookStore = create<QuickLookState>(() => ({ index: null, outputs: [] }));

let outputsFor: string | null = null;

async function loadOutputs(logoId: string): Promise<void> {
  outputsFor = logoId;
  useQuickLookStore.setState({ outputs: [] });
  try {
    const outputs = await client.call('jobs.outputs', { logoId });
    if (outputsFor === logoId) useQuickLookStore.setState({ outputs });
  } catch (error) {
    // A share that hides outputs still shows the master.
    logQuietly("reading a logo's outputs for Quick Look", error);
  }
}

/** Opens Quick Look on a grid cell; the cell becomes the selection, as in Finder. */
export function openQuickLook(index: number): void {
  const logo = logoAt(index);
  if (!logo) return;
  selectAt(index, 'replace');
  useQuickLookStore.setState({ index });
  void loadOutputs(logo.id);
}

/** Moves to the previous or next logo of the grid (the selection follows, so closing lands on it). */
export function stepQuickLook(direction: 1 | -1): void {
  const { index } = useQuickLookStore.getState();
  const total = useLibraryStore.getState().total ?? 0;
  if (index === null || total === 0) return;
  const next = Math.max(0, Math.min(total - 1, index + direction));
  if (next === index) return;
  const logo = logoAt(next);
  if (!logo) {
    // Past the loaded pages: fetch the page, then show it.
    setCursor(next);
    void ensurePage(Math.floor(next / PAGE_SIZE)).then(() => {
      if (useQuickLookStore.getState().index === index) openQuickLook(next);
    });
    return;
  }
  openQuickLook(next);
}

export function closeQuickLook(): void {
  outputsFor = null;
  useQuickLookStore.setState({ index: null, outputs: [] });
}

/** A filter or a refresh changed what index means: Quick Look closes rather than show another logo. */
useLibraryStore.subscribe((state, previous) => {
  if (state.filters !== previous.filters && useQuickLookStore.getState().index !== null) closeQuickLook();
});
