import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Collection } from '../../../shared/contract/collections.ts';
import { canEdit as mayEdit, showScreen, useAppStore } from '../stores/app-store.ts';
import {
  addToCollection,
  collectionLogoIds,
  createCollection,
  deleteCollection,
  loadCollections,
  moveCollection,
  openCollection,
  renameCollection,
  useCollectionsStore,
} from '../stores/collections-store.ts';
import { isContextMenuKey, menuPointFor, openContextMenu } from '../stores/context-menu-store.ts';
import { useLibraryStore } from '../stores/library-store.ts';
import { draggedLogos, endLogoDrag } from '../stores/logo-drag.ts';
import { selectIds } from '../stores/selection-store.ts';
import { Icon } from './Icon.tsx';
import { InlineNameField } from './InlineNameField.tsx';

/** What is being edited in place: a rename, or a new collection under a parent (null: the top). */
type Editing = { readonly rename: string } | { readonly createIn: string | null } | null;

/** The collection being dragged onto another to nest it (a drop target cannot read drag data during dragover). */
let draggedCollection: string | null = null;

function focusCollection(id: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-collection-id="${id}"]`)?.focus());
}

/** Collections by parent, each level by name (the list arrives sorted by name). */
function childrenByParent(collections: readonly Collection[]): Map<string | null, Collection[]> {
  const byParent = new Map<string | null, Collection[]>();
  const known = new Set(collections.map((c) => c.id));
  for (const collection of collections) {
    const parent = collection.parentId && known.has(collection.parentId) ? collection.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), collection]);
  }
  return byParent;
}

function openCollectionMenu(
  collection: Collection,
  point: { x: number; y: number },
  returnFocus: HTMLElement,
  edit: (next: Editing) => void,
) {
  openContextMenu({
    label: collection.name,
    ...point,
    returnFocus,
    items: [
      { label: 'Open', run: () => openCollection(collection.id) },
      { label: 'Rename', run: () => edit({ rename: collection.id }) },
      { label: 'New sub-collection', run: () => edit({ createIn: collection.id }) },
      ...(collection.parentId
        ? [{ label: 'Move to top level', run: () => void moveCollection(collection, null) }]
        : []),
      {
        label: 'Export…',
        run: () =>
          void collectionLogoIds(collection.id).then((ids) => {
            selectIds(ids);
            showScreen('export');
          }),
      },
      { label: 'Delete', run: () => void deleteCollection(collection), danger: true, separated: true },
    ],
  });
}

interface ItemProps {
  readonly collection: Collection;
  readonly depth: number;
  readonly byParent: ReadonlyMap<string | null, readonly Collection[]>;
  readonly byId: ReadonlyMap<string, Collection>;
  readonly editing: Editing;
  readonly edit: (next: Editing) => void;
}

function CollectionItem({ collection, depth, byParent, byId, editing, edit }: ItemProps) {
  const current = useLibraryStore((state) => state.filters.collection === collection.id && !state.filters.trashed);
  const screen = useAppStore((state) => state.screen);
  const [dropping, setDropping] = useState(false);
  const children = byParent.get(collection.id) ?? [];
  const renaming = editing !== null && 'rename' in editing && editing.rename === collection.id;
  const creatingHere = editing !== null && 'createIn' in editing && editing.createIn === collection.id;
  const indent = { paddingLeft: `${8 + depth * 14}px` };

  return (
    <li>
      {renaming ? (
        <InlineNameField
          label={`Rename collection ${collection.name}`}
          initial={collection.name}
          onCommit={(name) => void renameCollection(collection, name)}
          onDone={() => {
            edit(null);
            focusCollection(collection.id);
          }}
        />
      ) : (
        <button
          type="button"
          className={`sidebar__item sidebar__collection${dropping ? ' sidebar__item--drop' : ''}`}
          style={indent}
          data-collection-id={collection.id}
          aria-current={current && screen === 'library' ? 'page' : undefined}
          aria-keyshortcuts="F2 Delete Shift+F10"
          onClick={() => openCollection(collection.id)}
          onKeyDown={(event) => {
            if (event.key === 'F2' && mayEdit()) {
              event.preventDefault();
              edit({ rename: collection.id });
            } else if (event.key === 'Delete' && mayEdit()) {
              // The collection, not the logos selected in the grid (the window's Delete).
              event.preventDefault();
              event.stopPropagation();
              void deleteCollection(collection);
            } else if (isContextMenuKey(event) && mayEdit()) {
              event.preventDefault();
              openCollectionMenu(collection, menuPointFor(event.currentTarget), event.currentTarget, edit);
            }
          }}
          onContextMenu={(event) => {
            if (!mayEdit()) return;
            event.preventDefault();
            openCollectionMenu(collection, { x: event.clientX, y: event.clientY }, event.currentTarget, edit);
          }}
          draggable={mayEdit()}
          onDragStart={(event) => {
            draggedCollection = collection.id;
            event.dataTransfer.effectAllowed = 'move';
            event.dataTransfer.setData('text/plain', collection.name);
          }}
          onDragEnd={() => {
            draggedCollection = null;
          }}
          onDragOver={(event) => {
            if ((!draggedLogos() && !draggedCollection) || draggedCollection === collection.id || !mayEdit()) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = draggedCollection ? 'move' : 'copy';
            setDropping(true);
          }}
          onDragLeave={() => setDropping(false)}
          onDrop={(event) => {
            setDropping(false);
            const moving = draggedCollection;
            const ids = draggedLogos();
            if (!moving && !ids) return;
            // Ours, not a file import: the window's drop handler must not see it.
            event.preventDefault();
            event.stopPropagation();
            draggedCollection = null;
            endLogoDrag();
            const dragged = moving ? byId.get(moving) : undefined;
            if (dragged) void moveCollection(dragged, collection.id);
            else if (ids) void addToCollection({ id: collection.id }, ids);
          }}
        >
          <Icon name="library" size={14} />
          <span className="sidebar__label">{collection.name}</span>
          <span className="sidebar__count">{collection.logoCount.toLocaleString()}</span>
        </button>
      )}
      {(children.length > 0 || creatingHere) && (
        <ul className="sidebar__list">
          {children.map((child) => (
            <CollectionItem
              key={child.id}
              collection={child}
              depth={depth + 1}
              byParent={byParent}
              byId={byId}
              editing={editing}
              edit={edit}
            />
          ))}
          {creatingHere && <NewCollectionField parentId={collection.id} edit={edit} />}
        </ul>
      )}
    </li>
  );
}

function NewCollectionField({ parentId, edit }: { parentId: string | null; edit: (next: Editing) => void }) {
  return (
    <li>
      <InlineNameField
        label={parentId ? 'New sub-collection name' : 'New collection name'}
        initial=""
        placeholder="Collection name"
        onCommit={(name) =>
          void createCollection(name, parentId).then((created) => {
            if (created) focusCollection(created.id);
          })
        }
        onDone={() => edit(null)}
      />
    </li>
  );
}

/**
 * The sidebar's collections: a navigation landmark with each collection's count, nested under
 * its parent. Click opens one; F2 renames in place; right-click or Shift+F10 opens its menu;
 * logos dragged from the grid drop onto it, and a collection dropped on another nests in it.
 */
export function CollectionsNav() {
  const collections = useCollectionsStore((state) => state.collections);
  const { canEdit } = useAppStore(useShallow((state) => ({ canEdit: state.info?.canEdit === true })));
  const [editing, edit] = useState<Editing>(null);
  useEffect(() => {
    void loadCollections();
  }, []);
  if (!canEdit && collections.length === 0) return null;
  const byParent = childrenByParent(collections);
  const byId = new Map(collections.map((collection) => [collection.id, collection]));
  const creatingTop = editing !== null && 'createIn' in editing && editing.createIn === null;

  return (
    <nav className="sidebar__section" aria-labelledby="sidebar-collections">
      <div className="sidebar__heading">
        <h2 id="sidebar-collections">Collections</h2>
        {canEdit && (
          <button
            type="button"
            className="icon-button icon-button--small"
            aria-label="New collection"
            title="New collection"
            onClick={() => edit({ createIn: null })}
          >
            <Icon name="plus" size={14} />
          </button>
        )}
      </div>
      <ul className="sidebar__list">
        {(byParent.get(null) ?? []).map((collection) => (
          <CollectionItem
            key={collection.id}
            collection={collection}
            depth={0}
            byParent={byParent}
            byId={byId}
            editing={editing}
            edit={edit}
          />
        ))}
        {creatingTop && <NewCollectionField parentId={null} edit={edit} />}
      </ul>
      {collections.length === 0 && !creatingTop && (
        <p className="sidebar__hint muted">Make one with +, then drag logos onto it.</p>
      )}
    </nav>
  );
}
