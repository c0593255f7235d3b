import { useEffect, useState } from 'react';
import type { SmartCollection } from '../../../shared/contract/smart-collections.ts';
import { canEdit as mayEdit, useAppStore } from '../stores/app-store.ts';
import { isContextMenuKey, menuPointFor, openContextMenu } from '../stores/context-menu-store.ts';
import { useLibraryStore } from '../stores/library-store.ts';
import {
  applySmartCollection,
  deleteSmartCollection,
  filtersOf,
  loadSmartCollections,
  renameSmartCollection,
  searchKey,
  useSmartCollectionsStore,
} from '../stores/smart-collections-store.ts';
import { Icon } from './Icon.tsx';
import { InlineNameField } from './InlineNameField.tsx';

function openSmartMenu(
  smart: SmartCollection,
  point: { x: number; y: number },
  returnFocus: HTMLElement,
  rename: (id: string) => void,
) {
  openContextMenu({
    label: smart.name,
    ...point,
    returnFocus,
    items: [
      { label: 'Open', run: () => applySmartCollection(smart) },
      { label: 'Rename', run: () => rename(smart.id) },
      { label: 'Delete', run: () => void deleteSmartCollection(smart), danger: true, separated: true },
    ],
  });
}

/**
 * Saved searches in the sidebar: clicking one applies its query; counts follow the library
 * (they are read again on every library change). F2 renames, the menu renames or deletes.
 */
export function SmartCollectionsNav() {
  const smartCollections = useSmartCollectionsStore((state) => state.smartCollections);
  const canEdit = useAppStore((state) => state.info?.canEdit === true);
  const screen = useAppStore((state) => state.screen);
  const onScreen = useLibraryStore((state) => searchKey({ ...state.filters, trashed: false }));
  const [renaming, setRenaming] = useState<string | null>(null);
  useEffect(() => {
    void loadSmartCollections();
  }, []);
  if (smartCollections.length === 0 && !canEdit) return null;

  return (
    <section className="sidebar__section" aria-labelledby="sidebar-smart-collections">
      <div className="sidebar__heading">
        <h2 id="sidebar-smart-collections">Smart collections</h2>
      </div>
      <ul className="sidebar__list">
        {smartCollections.map((smart) => (
          <li key={smart.id}>
            {renaming === smart.id ? (
              <InlineNameField
                label={`Rename smart collection ${smart.name}`}
                initial={smart.name}
                onCommit={(name) => void renameSmartCollection(smart, name)}
                onDone={() => {
                  setRenaming(null);
                  requestAnimationFrame(() =>
                    document.querySelector<HTMLElement>(`[data-smart-collection-id="${smart.id}"]`)?.focus(),
                  );
                }}
              />
            ) : (
              <button
                type="button"
                className="sidebar__item sidebar__collection"
                data-smart-collection-id={smart.id}
                aria-current={
                  screen === 'library' && searchKey(filtersOf(smart.query)) === onScreen ? 'page' : undefined
                }
                aria-keyshortcuts="F2 Shift+F10"
                onClick={() => applySmartCollection(smart)}
                onKeyDown={(event) => {
                  if (event.key === 'F2' && mayEdit()) {
                    event.preventDefault();
                    setRenaming(smart.id);
                  } else if (isContextMenuKey(event) && mayEdit()) {
                    event.preventDefault();
                    openSmartMenu(smart, menuPointFor(event.currentTarget), event.currentTarget, setRenaming);
                  }
                }}
                onContextMenu={(event) => {
                  if (!mayEdit()) return;
                  event.preventDefault();
                  openSmartMenu(smart, { x: event.clientX, y: event.clientY }, event.currentTarget, setRenaming);
                }}
              >
                <Icon name="search" size={14} />
                <span className="sidebar__label">{smart.name}</span>
                <span className="sidebar__count">{smart.logoCount.toLocaleString()}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {smartCollections.length === 0 && (
        <p className="sidebar__hint muted">Search or filter the library, then Save search.</p>
      )}
    </section>
  );
}
