import { useState } from 'react';
import { addToCollection, removeFromCollection, useCollectionsStore } from '../../stores/collections-store.ts';
import { useLibraryStore } from '../../stores/library-store.ts';

const NEW = '__new__';

/** Adds the selection to a collection (or a new one); inside a collection view, removes from it. */
export function CollectionPicker({ ids }: { ids: readonly string[] }) {
  const collections = useCollectionsStore((state) => state.collections);
  const current = useLibraryStore((state) => state.filters.collection);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const inCollection = collections.find((collection) => collection.id === current);

  return (
    <div className="tags">
      {inCollection && (
        <button type="button" className="button" onClick={() => void removeFromCollection(inCollection.id, ids)}>
          Remove from {inCollection.name}
        </button>
      )}
      {creating ? (
        <form
          className="tags__add"
          onSubmit={(event) => {
            event.preventDefault();
            if (!name.trim()) return;
            void addToCollection({ name: name.trim() }, ids);
            setName('');
            setCreating(false);
          }}
        >
          <input
            className="input"
            aria-label="New collection name"
            placeholder="Collection name"
            value={name}
            maxLength={200}
            // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked for it.
            autoFocus
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                setCreating(false);
              }
            }}
          />
          <button type="submit" className="button" disabled={!name.trim()}>
            Create
          </button>
        </form>
      ) : (
        <span className="select">
          <select
            aria-label="Add to a collection"
            className="input"
            value=""
            onChange={(event) => {
              const value = event.target.value;
              if (value === NEW) setCreating(true);
              else if (value) void addToCollection({ id: value }, ids);
            }}
          >
            <option value="">Add to a collection…</option>
            {collections.map((collection) => (
              <option key={collection.id} value={collection.id}>
                {collection.name}
              </option>
            ))}
            <option value={NEW}>New collection…</option>
          </select>
        </span>
      )}
    </div>
  );
}
