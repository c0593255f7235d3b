import { useEffect, useState } from 'react';
import { plural } from '../../components/format.ts';
import { Icon } from '../../components/Icon.tsx';
import { useAppStore } from '../../stores/app-store.ts';
import { loadCollections, useCollectionsStore } from '../../stores/collections-store.ts';
import { emptyTrash } from '../../stores/library-actions.ts';
import { ensurePage, isFiltered, useLibraryStore } from '../../stores/library-store.ts';
import { useSelectionStore } from '../../stores/selection-store.ts';
import { useViewStore } from '../../stores/view-store.ts';
import { DetailsPanel } from './DetailsPanel.tsx';
import { EmptyState } from './EmptyState.tsx';
import { LogoGrid } from './LogoGrid.tsx';
import { QuickLook } from './QuickLook.tsx';
import { Toolbar } from './Toolbar.tsx';

/** Emptying the Trash cannot be undone, so it asks once, in place. */
function TrashBanner({ total }: { total: number }) {
  const [confirming, setConfirming] = useState(false);
  if (confirming) {
    return (
      <div className="banner banner--error" role="alert">
        <span>Delete {plural(total, 'logo')} for good? This cannot be undone.</span>
        <span className="banner__actions">
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              setConfirming(false);
              void emptyTrash();
            }}
          >
            Delete forever
          </button>
        </span>
      </div>
    );
  }
  return (
    <div className="banner">
      <span>Logos in the Trash can be restored until you empty it.</span>
      <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
        <Icon name="trash" size={16} />
        Empty Trash
      </button>
    </div>
  );
}

export function LibraryScreen() {
  const total = useLibraryStore((state) => state.total);
  const filters = useLibraryStore((state) => state.filters);
  const error = useLibraryStore((state) => state.error);
  const canEdit = useAppStore((state) => state.info?.canEdit === true);
  const collections = useCollectionsStore((state) => state.collections);
  // The details panel takes room only when it has something to show and the designer wants it.
  const anySelected = useSelectionStore((state) => state.selected.size > 0);
  const detailsCollapsed = useViewStore((state) => state.detailsCollapsed);
  const showDetails = anySelected && !detailsCollapsed;

  useEffect(() => {
    void ensurePage(0);
  }, []);
  // Collections change rarely; read them when the library view opens or its count changes.
  const libraryTotal = useLibraryStore((state) => state.libraryTotal);
  useEffect(() => {
    void libraryTotal;
    void loadCollections();
  }, [libraryTotal]);

  const empty = total === 0;
  const reason = filters.trashed ? 'trash' : isFiltered(filters) ? 'filtered' : 'library';

  return (
    <div className="library">
      <Toolbar collections={collections} />
      {filters.trashed && canEdit && total !== null && total > 0 && <TrashBanner total={total} />}
      {error && (
        <div className="banner banner--error" role="alert">
          {error}
        </div>
      )}
      <div className="library__body">
        <div className="library__main">{empty ? <EmptyState reason={reason} canEdit={canEdit} /> : <LogoGrid />}</div>
        {showDetails && <DetailsPanel trashed={filters.trashed} />}
      </div>
      <QuickLook />
    </div>
  );
}
