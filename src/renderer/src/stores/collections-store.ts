import { create } from 'zustand';
import type { Collection } from '../../../shared/contract/collections.ts';
import { client } from '../api/client.ts';
import { logQuietly } from '../api/report-error.ts';
import { plural } from '../components/format.ts';
import { refreshLibrary } from './library-store.ts';
import { errorMessage, showToast } from './toast-store.ts';
import { pushUndo } from './undo-store.ts';

interface CollectionsState {
  readonly collections: readonly Collection[];
}

export const useCollectionsStore = create<CollectionsState>(() => ({ collections: [] }));

export async function loadCollections(): Promise<void> {
  try {
    useCollectionsStore.setState({ collections: await client.call('collections.list', {}) });
  } catch (error) {
    // A share without collections, or an older core: the filter and menu simply stay hidden.
    useCollectionsStore.setState({ collections: [] });
    logQuietly('loading collections', error);
  }
}

/** Puts logos in a collection, creating it first when `name` is new. */
export async function addToCollection(
  target: { id: string } | { name: string },
  ids: readonly string[],
): Promise<void> {
  try {
    const collection =
      'id' in target ? { id: target.id } : await client.call('collections.create', { name: target.name });
    const updated = await client.call('collections.addLogos', { id: collection.id, logoIds: [...ids] });
    pushUndo({
      label: `Add to ${updated.name}`,
      undo: async () => {
        await client.call('collections.removeLogos', { id: updated.id, logoIds: [...ids] });
        await Promise.all([loadCollections(), refreshLibrary()]);
      },
      redo: async () => {
        await client.call('collections.addLogos', { id: updated.id, logoIds: [...ids] });
        await Promise.all([loadCollections(), refreshLibrary()]);
      },
    });
    showToast({ tone: 'success', message: `Added ${plural(ids.length, 'logo')} to ${updated.name}` });
    await loadCollections();
  } catch (error) {
    showToast({ tone: 'error', message: `Could not add to the collection: ${errorMessage(error)}` });
  }
}

export async function removeFromCollection(id: string, ids: readonly string[]): Promise<void> {
  try {
    const updated = await client.call('collections.removeLogos', { id, logoIds: [...ids] });
    showToast({ tone: 'info', message: `Removed ${plural(ids.length, 'logo')} from ${updated.name}` });
    await Promise.all([loadCollections(), refreshLibrary()]);
  } catch (error) {
    showToast({ tone: 'error', message: `Could not remove from the collection: ${errorMessage(error)}` });
  }
}
