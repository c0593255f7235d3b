import { create } from 'zustand';
import type { SavedQuery, SmartCollection } from '../../../shared/contract/smart-collections.ts';
import { client } from '../api/client.ts';
import { logQuietly } from '../api/report-error.ts';
import { showScreen } from './app-store.ts';
import { DEFAULT_FILTERS, type LibraryFilters, setFilters, toQuery, useLibraryStore } from './library-store.ts';
import { clearSelection } from './selection-store.ts';
import { errorMessage, showToast } from './toast-store.ts';
import { linkUndoToast, pushUndo, undo } from './undo-store.ts';

interface SmartCollectionsState {
  readonly smartCollections: readonly SmartCollection[];
}

export const useSmartCollectionsStore = create<SmartCollectionsState>(() => ({ smartCollections: [] }));

export async function loadSmartCollections(): Promise<void> {
  try {
    useSmartCollectionsStore.setState({ smartCollections: await client.call('smartCollections.list', {}) });
  } catch (error) {
    useSmartCollectionsStore.setState({ smartCollections: [] });
    logQuietly('loading smart collections', error);
  }
}

/** The current search as a saved query: the grid's query without paging or the Trash. */
export function currentSearch(filters: LibraryFilters = useLibraryStore.getState().filters): Record<string, unknown> {
  const { offset: _offset, limit: _limit, trashed: _trashed, ...query } = toQuery(filters, 0);
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
}

/**
 * The filters a saved query stands for: every key the filters know is taken over, the rest
 * start from the defaults, so a filter added to both later needs no change here.
 */
export function filtersOf(query: SavedQuery): LibraryFilters {
  const next: Record<string, unknown> = { ...DEFAULT_FILTERS };
  for (const [key, value] of Object.entries(query))
    if (key in DEFAULT_FILTERS && value !== undefined) next[key] = value;
  return next as unknown as LibraryFilters;
}

/** A stable text of a query's non-default filters, to tell which smart collection is on screen. */
export function searchKey(filters: LibraryFilters): string {
  return JSON.stringify(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));
}

export function applySmartCollection(smart: SmartCollection): void {
  showScreen('library');
  clearSelection();
  setFilters(filtersOf(smart.query));
}

/** Saves the current search; returns the new smart collection's id, or null after a toast. */
export async function saveSearch(name: string): Promise<string | null> {
  try {
    const saved = await client.call('smartCollections.create', { name, query: currentSearch() });
    showToast({ tone: 'success', message: `Saved the search as ${saved.name}` });
    await loadSmartCollections();
    return saved.id;
  } catch (error) {
    showToast({ tone: 'error', message: `Could not save the search: ${errorMessage(error)}` });
    return null;
  }
}

export async function renameSmartCollection(smart: SmartCollection, name: string): Promise<void> {
  if (name === smart.name) return;
  try {
    await client.call('smartCollections.rename', { id: smart.id, name });
    pushUndo({
      label: `Rename ${name}`,
      undo: async () => {
        await client.call('smartCollections.rename', { id: smart.id, name: smart.name });
        await loadSmartCollections();
      },
      redo: async () => {
        await client.call('smartCollections.rename', { id: smart.id, name });
        await loadSmartCollections();
      },
    });
    await loadSmartCollections();
  } catch (error) {
    showToast({ tone: 'error', message: `Could not rename the smart collection: ${errorMessage(error)}` });
  }
}

/** Deletes a saved search; Undo saves it again under the same name. */
export async function deleteSmartCollection(smart: SmartCollection): Promise<void> {
  try {
    await client.call('smartCollections.delete', { id: smart.id });
    // Undo saves it again under a new id; redo deletes that one.
    let id = smart.id;
    const entry = {
      label: `Delete ${smart.name}`,
      undo: async () => {
        id = (await client.call('smartCollections.create', { name: smart.name, query: smart.query })).id;
        await loadSmartCollections();
      },
      redo: async () => {
        await client.call('smartCollections.delete', { id });
        await loadSmartCollections();
      },
    };
    pushUndo(entry);
    const toastId = showToast({
      tone: 'info',
      message: `Deleted the smart collection ${smart.name}`,
      action: { label: 'Undo', run: () => void undo(entry) },
    });
    linkUndoToast(entry, toastId);
    await loadSmartCollections();
  } catch (error) {
    showToast({ tone: 'error', message: `Could not delete the smart collection: ${errorMessage(error)}` });
  }
}
