import { useState } from 'react';
import { Icon } from '../../components/Icon.tsx';
import { tagLogos, untagLogos } from '../../stores/library-actions.ts';
import { setFilters } from '../../stores/library-store.ts';

/** Tags as chips (click filters the library by it), with an input to add and × to remove. */
export function TagEditor({
  ids,
  tags,
  canEdit,
}: {
  ids: readonly string[];
  tags: readonly string[];
  canEdit: boolean;
}) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const names = draft
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
    if (names.length === 0) return;
    setDraft('');
    void tagLogos(ids, names);
  };
  return (
    <div className="tags">
      {tags.length > 0 && (
        <ul className="tags__list" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag} className="chip chip--tag">
              <button
                type="button"
                className="chip__label"
                onClick={() => setFilters({ tag })}
                title={`Show logos tagged ${tag}`}
              >
                {tag}
              </button>
              {canEdit && (
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={`Remove tag ${tag}`}
                  onClick={() => void untagLogos(ids, [tag])}
                >
                  <Icon name="close" size={12} />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {tags.length === 0 && !canEdit && <p className="muted">No tags.</p>}
      {canEdit && (
        <form
          className="tags__add"
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <input
            type="text"
            className="input"
            placeholder={ids.length > 1 ? `Tag ${ids.length} logos…` : 'Add a tag…'}
            aria-label={ids.length > 1 ? `Add a tag to ${ids.length} logos` : 'Add a tag'}
            value={draft}
            maxLength={100}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" className="button" disabled={!draft.trim()}>
            Add
          </button>
        </form>
      )}
    </div>
  );
}
