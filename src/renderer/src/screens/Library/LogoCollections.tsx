import type { Collection } from '../../../../shared/contract/collections.ts';
import { openCollection } from '../../stores/collections-store.ts';

/** The collections that hold the logo, each a link-like button that opens it. */
export function LogoCollections({ collections }: { collections: readonly Collection[] }) {
  if (collections.length === 0) return <p className="muted">In no collection.</p>;
  return (
    <ul className="tags logo-collections">
      {collections.map((collection) => (
        <li key={collection.id}>
          <button
            type="button"
            className="chip"
            aria-label={`Open collection ${collection.name}`}
            onClick={() => openCollection(collection.id)}
          >
            {collection.name}
          </button>
        </li>
      ))}
    </ul>
  );
}
