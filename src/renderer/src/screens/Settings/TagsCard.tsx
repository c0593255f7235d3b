import { useCallback, useEffect, useRef, useState } from 'react';
import type { TagCount } from '../../../../shared/contract/tags.ts';
import { client } from '../../api/client.ts';
import { InlineNameField } from '../../components/InlineNameField.tsx';
import { useLibraryStore } from '../../stores/library-store.ts';
import { attempt } from './settings-actions.ts';
import { deleteTag, renameTag } from './tag-actions.ts';

/** The Rename button of a tag (the focus returns there after an in-place rename). */
function focusRename(tag: string): void {
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>(`button[aria-label="Rename tag ${CSS.escape(tag)}"]`)?.focus(),
  );
}

/**
 * The tag manager: every tag with how many logos carry it; rename (onto an existing tag merges
 * the two) and delete, each with Undo.
 */
export function TagsCard() {
  const [tags, setTags] = useState<readonly TagCount[] | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  // A rename in flight: the field's going away must not pull the focus back to the old name.
  const committed = useRef<string | null>(null);
  // Counts follow the library: any change re-reads the list.
  const libraryTotal = useLibraryStore((state) => state.libraryTotal);
  const load = useCallback(async () => {
    setTags((await attempt('read the tags', () => client.call('tags.list', {}))) ?? []);
  }, []);
  useEffect(() => {
    void libraryTotal;
    void load();
  }, [load, libraryTotal]);

  return (
    <section className="card" aria-labelledby="settings-tags">
      <h2 id="settings-tags">Tags</h2>
      {tags !== null && tags.length === 0 && <p className="muted">No tags yet. Tag logos in their details.</p>}
      {tags !== null && tags.length > 0 && (
        <table className="table tag-table">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Logos</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tags.map(({ tag, logoCount }) => (
              <tr key={tag}>
                <td>
                  {renaming === tag ? (
                    <InlineNameField
                      label={`Rename tag ${tag}`}
                      initial={tag}
                      onCommit={(to) => {
                        committed.current = to;
                        void renameTag(tag, to, load).then(() => focusRename(to));
                      }}
                      onDone={() => {
                        setRenaming(null);
                        if (committed.current === null) focusRename(tag);
                        committed.current = null;
                      }}
                    />
                  ) : (
                    tag
                  )}
                </td>
                <td className="tag-table__count">{logoCount.toLocaleString()}</td>
                <td className="tag-table__actions">
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Rename tag ${tag}`}
                    onClick={() => setRenaming(tag)}
                  >
                    Rename
                  </button>
                  <button
                    type="button"
                    className="link-button link-button--danger"
                    aria-label={`Delete tag ${tag}`}
                    onClick={() => void deleteTag(tag, load)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">Renaming a tag onto one that exists merges the two.</p>
    </section>
  );
}
