import type { Logo } from '../../../shared/domain.ts';
import { client } from '../api/client.ts';
import { plural } from '../components/format.ts';
import { canEdit } from './app-store.ts';
import { detailsId, loadDetails, useDetailsStore } from './details-store.ts';
import { refreshLibrary, useLibraryStore } from './library-store.ts';
import { errorMessage, showToast } from './toast-store.ts';
import { pushUndo } from './undo-store.ts';

/** The ratings the client knows for these logos (loaded pages and the details panel), for Undo. */
function knownRatings(ids: readonly string[]): Map<string, number> {
  const wanted = new Set(ids);
  const known = new Map<string, number>();
  const consider = (logo: Logo) => {
    if (wanted.has(logo.id)) known.set(logo.id, logo.rating);
  };
  for (const page of Object.values(useLibraryStore.getState().pages)) page.forEach(consider);
  const open = useDetailsStore.getState().logo;
  if (open) consider(open);
  return known;
}

/** Sets the star rating (0 clears) of logos; Undo puts each one's previous rating back. */
export async function rateLogos(ids: readonly string[], rating: number): Promise<void> {
  if (ids.length === 0 || !canEdit()) return;
  const before = knownRatings(ids);
  try {
    await client.call('library.rate', { ids: [...ids], rating });
  } catch (error) {
    showToast({ tone: 'error', message: `Could not rate: ${errorMessage(error)}` });
    return;
  }
  const open = detailsId();
  await Promise.all([refreshLibrary(), open && ids.includes(open) ? loadDetails(open) : null]);
  pushUndo({
    label: `Rate ${plural(ids.length, 'logo')}`,
    undo: async () => {
      const byRating = new Map<number, string[]>();
      for (const [id, previous] of before) byRating.set(previous, [...(byRating.get(previous) ?? []), id]);
      for (const [previous, group] of byRating) await client.call('library.rate', { ids: group, rating: previous });
      await refreshLibrary();
      if (open) await loadDetails(open);
    },
    redo: async () => {
      await client.call('library.rate', { ids: [...ids], rating });
      await refreshLibrary();
      if (open) await loadDetails(open);
    },
  });
}
