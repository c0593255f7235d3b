import type { TagChange } from '../../../../shared/contract/tags.ts';
import { client } from '../../api/client.ts';
import { plural } from '../../components/format.ts';
import { refreshLibrary } from '../../stores/library-store.ts';
import { showToast } from '../../stores/toast-store.ts';
import { linkUndoToast, pushUndo, type UndoEntry, undo } from '../../stores/undo-store.ts';
import { attempt } from './settings-actions.ts';

function offerUndo(entry: UndoEntry, message: string): void {
  pushUndo(entry);
  linkUndoToast(entry, showToast({ tone: 'info', message, action: { label: 'Undo', run: () => void undo(entry) } }));
}

/** Renames a tag everywhere (onto an existing tag: merges); Undo splits them again. */
export async function renameTag(from: string, to: string, after: () => Promise<void>): Promise<void> {
  const change = await attempt<TagChange>('rename the tag', () => client.call('tags.rename', { from, to }));
  if (!change) return;
  await Promise.all([after(), refreshLibrary()]);
  const merged = new Set(change.alreadyTagged);
  offerUndo(
    {
      label: `Rename tag ${from}`,
      undo: async () => {
        const untag = change.logoIds.filter((id) => !merged.has(id));
        if (untag.length > 0) await client.call('library.untag', { ids: untag, tags: [to] });
        await client.call('library.tag', { ids: [...change.logoIds], tags: [from] });
        await Promise.all([after(), refreshLibrary()]);
      },
      redo: async () => {
        await client.call('tags.rename', { from, to });
        await Promise.all([after(), refreshLibrary()]);
      },
    },
    `${merged.size > 0 ? 'Merged' : 'Renamed'} “${from}” into “${to}” on ${plural(change.logoIds.length, 'logo')}`,
  );
}

/** Removes a tag from every logo; Undo puts it back on the same logos. */
export async function deleteTag(tag: string, after: () => Promise<void>): Promise<void> {
  const change = await attempt<TagChange>('delete the tag', () => client.call('tags.delete', { tag }));
  if (!change) return;
  await Promise.all([after(), refreshLibrary()]);
  if (change.logoIds.length === 0) return;
  offerUndo(
    {
      label: `Delete tag ${tag}`,
      undo: async () => {
        await client.call('library.tag', { ids: [...change.logoIds], tags: [tag] });
        await Promise.all([after(), refreshLibrary()]);
      },
      redo: async () => {
        await client.call('tags.delete', { tag });
        await Promise.all([after(), refreshLibrary()]);
      },
    },
    `Removed “${tag}” from ${plural(change.logoIds.length, 'logo')}`,
  );
}
