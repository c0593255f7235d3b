import { create } from 'zustand';
import type { Collection } from '../../../shared/contract/collections.ts';
import { client } from '../api/client.ts';
import { logQuietly } from '../api/report-error.ts';
import { plural } from '../components/format.ts';
import { showScreen } from './app-store.ts';
import { refreshLibrary, setFilters, useLibraryStore } from './library-store.ts';
import { clearSelection } from './selection-store.ts';
import { errorMessage, showToast } from './toast-store.ts';
import { linkUndoToast, pushUndo, undo } from './undo-store.ts';

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

/** Opens a collection in the library grid. */
export function openCollection(id: string): void {
  showScreen('library');
  clearSelection();
  setFilters({ collection: id, trashed: false });
}

/** Creates a collection (inside `parentId` when given); returns it, or null after a toast. */
export async function createCollection(name: string, parentId: string | null = null): Promise<Collection | null> {
  try {
    const created = await client.call('collections.create', { name, parentId });
    await loadCollections();
    return created;
  } catch (error) {
    showToast({ tone: 'error', message: `Could not create the collection: ${errorMessage(error)}` });
    return null;
  }
}

export async function renameCollection(collection: Collection, name: string): Promise<void> {
  if (name === collection.name) return;
  try {
    await client.call('collections.rename', { id: collection.id, name });
    pushUndo({
      label: `Rename ${name}`,
      undo: async () => {
        await client.call('collections.rename', { id: collection.id, name: collection.name });
        await loadCollections();
      },
      redo: async () => {
        await client.call('collections.rename', { id: collection.id, name });
        await loadCollections();
      },
    });
    await loadCollections();
  } catch (error) {
    showToast({ tone: 'error', message: `Could not rename the collection: ${errorMessage(error)}` });
  }
}

/** Nests a collection inside another (null: the top level); Undo puts it back. */
export async function moveCollection(collection: Collection, parentId: string | null): Promise<void> {
  if (collection.parentId === parentId) return;
  try {
    await client.call('collections.move', { id: collection.id, parentId });
    pushUndo({
      label: `Move ${collection.name}`,
      undo: async () => {
        await client.call('collections.move', { id: collection.id, parentId: collection.parentId });
        await loadCollections();
      },
      redo: async () => {
        await client.call('collections.move', { id: collection.id, parentId });
        await loadCollections();
      },
    });
    await loadCollections();
  } catch (error) {
    showToast({ tone: 'error', message: `Could not move the collection: ${errorMessage(error)}` });
  }
}

/** Deletes a collection and its sub-collections (logos stay); Undo brings them back. */
export async function deleteCollection(collection: Collection): Promise<void> {
  try {
    await client.call('collections.delete', { id: collection.id });
    if (useLibraryStore.getState().filters.collection === collection.id) setFilters({ collection: null });
    const entry = {
      label: `Delete ${collection.name}`,
      undo: async () => {
        await client.call('collections.restore', { id: collection.id });
        await loadCollections();
      },
      redo: async () => {
        await client.call('collections.delete', { id: collection.id });
        await loadCollections();
      },
    };
    pushUndo(entry);
    const toastId = showToast({
      tone: 'info',
      message: `Deleted the collection ${collection.name}; its logos stay in the library`,
      action: { label: 'Undo', run: () => void undo(entry) },
    });
    linkUndoToast(entry, toastId);
    await loadCollections();
  } catch (error) {
    showToast({ tone: 'error', message: `Could not delete the collection: ${errorMessage(error)}` });
  }
}

/** Every logo id in a collection (paging through the contract), e.g. to export it. */
export async function collectionLogoIds(id: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await client.call('library.list', { collection: id, offset, limit: 500 });
    for (const logo of page.items) ids.push(logo.id);
    if (offset + 500 >= page.total) return ids;
  }
}
