import type { Logo } from '../../../shared/domain.ts';
import { client } from '../api/client.ts';
import { plural } from '../components/format.ts';
import { canEdit } from './app-store.ts';
import { loadDetails } from './details-store.ts';
import { refreshLibrary } from './library-store.ts';
import { clearSelection, pruneSelection, useSelectionStore } from './selection-store.ts';
import { errorMessage, showToast } from './toast-store.ts';
import { linkUndoToast, pushUndo, undo } from './undo-store.ts';

/** Runs a mutation, refreshes what it touched, and turns a failure into a toast. */
async function mutate<T>(what: string, run: () => Promise<T>): Promise<T | null> {
  if (!canEdit()) return null;
  try {
    const result = await run();
    await refreshLibrary();
    return result;
  } catch (error) {
    showToast({ tone: 'error', message: `Could not ${what}: ${errorMessage(error)}` });
    return null;
  }
}

export function selectedIds(): string[] {
  return [...useSelectionStore.getState().selected];
}

/** Moves logos to the Trash and offers Undo (toast button or Cmd/Ctrl+Z). */
export async function trashLogos(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const label = `move ${plural(ids.length, 'logo')} to the Trash`;
  const reply = await mutate(label, () => client.call('library.delete', { ids: [...ids] }));
  if (!reply) return;
  pruneSelection(ids);
  const entry = {
    label: `Trash ${plural(ids.length, 'logo')}`,
    undo: async () => {
      await client.call('library.restore', { ids: [...ids] });
      await refreshLibrary();
    },
    redo: async () => {
      await client.call('library.delete', { ids: [...ids] });
      pruneSelection(ids);
      await refreshLibrary();
    },
  };
  pushUndo(entry);
  const toastId = showToast({
    tone: 'info',
    message: `Moved ${plural(reply.trashed, 'logo')} to the Trash`,
    action: { label: 'Undo', run: () => void undo(entry) },
  });
  linkUndoToast(entry, toastId);
}

export async function restoreLogos(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const reply = await mutate('restore', () => client.call('library.restore', { ids: [...ids] }));
  if (!reply) return;
  pruneSelection(ids);
  const entry = {
    label: `Restore ${plural(ids.length, 'logo')}`,
    undo: async () => {
      await client.call('library.delete', { ids: [...ids] });
      await refreshLibrary();
    },
    redo: async () => {
      await client.call('library.restore', { ids: [...ids] });
      pruneSelection(ids);
      await refreshLibrary();
    },
  };
  pushUndo(entry);
  const toastId = showToast({
    tone: 'success',
    message: `Restored ${plural(reply.restored, 'logo')} to the library`,
    action: { label: 'Undo', run: () => void undo(entry) },
  });
  linkUndoToast(entry, toastId);
}

export async function emptyTrash(): Promise<void> {
  const reply = await mutate('empty the Trash', () => client.call('library.emptyTrash', {}));
  if (!reply) return;
  clearSelection();
  showToast({ tone: 'success', message: `Deleted ${plural(reply.purgedLogos, 'logo')} for good` });
}

/** Renames, edits notes or toggles favourite; the previous value can be undone. */
export async function updateLogo(
  logo: Logo,
  change: { name?: string; notes?: string; favorite?: boolean },
  label: string,
): Promise<void> {
  const before = {
    ...(change.name !== undefined ? { name: logo.name } : {}),
    ...(change.notes !== undefined ? { notes: logo.notes } : {}),
    ...(change.favorite !== undefined ? { favorite: logo.favorite } : {}),
  };
  const updated = await mutate(label, () => client.call('library.update', { id: logo.id, ...change }));
  if (!updated) return;
  await loadDetails(logo.id);
  pushUndo({
    label,
    undo: async () => {
      await client.call('library.update', { id: logo.id, ...before });
      await Promise.all([refreshLibrary(), loadDetails(logo.id)]);
    },
    redo: async () => {
      await client.call('library.update', { id: logo.id, ...change });
      await Promise.all([refreshLibrary(), loadDetails(logo.id)]);
    },
  });
}

export async function tagLogos(ids: readonly string[], tags: readonly string[]): Promise<void> {
  if (ids.length === 0 || tags.length === 0) return;
  const reply = await mutate('add the tag', () => client.call('library.tag', { ids: [...ids], tags: [...tags] }));
  if (!reply) return;
  if (ids.length === 1) await loadDetails(ids[0] ?? null);
  pushUndo({
    label: `Tag ${tags.join(', ')}`,
    undo: async () => {
      await client.call('library.untag', { ids: [...ids], tags: [...tags] });
      await refreshLibrary();
      if (ids.length === 1) await loadDetails(ids[0] ?? null);
    },
    redo: async () => {
      await client.call('library.tag', { ids: [...ids], tags: [...tags] });
      await refreshLibrary();
      if (ids.length === 1) await loadDetails(ids[0] ?? null);
    },
  });
  if (ids.length > 1)
    showToast({ tone: 'success', message: `Tagged ${plural(ids.length, 'logo')} “${tags.join(', ')}”` });
}

export async function untagLogos(ids: readonly string[], tags: readonly string[]): Promise<void> {
  if (ids.length === 0 || tags.length === 0) return;
  const reply = await mutate('remove the tag', () => client.call('library.untag', { ids: [...ids], tags: [...tags] }));
  if (!reply) return;
  if (ids.length === 1) await loadDetails(ids[0] ?? null);
  pushUndo({
    label: `Remove tag ${tags.join(', ')}`,
    undo: async () => {
      await client.call('library.tag', { ids: [...ids], tags: [...tags] });
      await refreshLibrary();
      if (ids.length === 1) await loadDetails(ids[0] ?? null);
    },
    redo: async () => {
      await client.call('library.untag', { ids: [...ids], tags: [...tags] });
      await refreshLibrary();
      if (ids.length === 1) await loadDetails(ids[0] ?? null);
    },
  });
}
