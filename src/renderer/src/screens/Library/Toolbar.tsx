import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Collection } from '../../../../shared/contract/collections.ts';
import { LOGO_FORMATS, type LogoFormat } from '../../../../shared/domain.ts';
import { Icon } from '../../components/Icon.tsx';
import { openImportDialog } from '../../components/import-picker.ts';
import { Popover } from '../../components/Popover.tsx';
import { useAppStore } from '../../stores/app-store.ts';
import { type LibraryFilters, setFilters, useLibraryStore } from '../../stores/library-store.ts';
import { ColourFilter } from './ColourFilter.tsx';
import { DateRangeFilter, RatingFilter, SaveSearchButton } from './SearchExtras.tsx';
import { ThumbnailSizeSlider } from './ThumbnailSizeSlider.tsx';
import { ViewMenu } from './ViewMenu.tsx';

export const SEARCH_INPUT_ID = 'library-search';

const FORMAT_LABELS: Record<LogoFormat, string> = {
  png: 'PNG',
  jpeg: 'JPEG',
  webp: 'WebP',
  gif: 'GIF',
  tiff: 'TIFF',
  avif: 'AVIF',
  svg: 'SVG',
  pdf: 'PDF',
};

const SORTS: Record<string, Pick<LibraryFilters, 'sort' | 'order'> & { label: string }> = {
  newest: { sort: 'importedAt', order: 'desc', label: 'Newest first' },
  oldest: { sort: 'importedAt', order: 'asc', label: 'Oldest first' },
  'name-asc': { sort: 'name', order: 'asc', label: 'Name A–Z' },
  'name-desc': { sort: 'name', order: 'desc', label: 'Name Z–A' },
  largest: { sort: 'byteSize', order: 'desc', label: 'Largest first' },
  rating: { sort: 'rating', order: 'desc', label: 'Highest rated' },
};

/** Search as you type: the query follows the input after a short pause. */
function SearchField() {
  const current = useLibraryStore((state) => state.filters.search);
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  useEffect(() => {
    if (text === current) return;
    const timer = setTimeout(() => setFilters({ search: text }), 140);
    return () => clearTimeout(timer);
  }, [text, current]);
  return (
    <div className="search">
      <Icon name="search" size={16} />
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        placeholder="Search names, tags, notes"
        aria-label="Search logos"
        aria-keyshortcuts="Control+F Meta+F"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && text) {
            event.stopPropagation();
            setText('');
          }
        }}
      />
    </div>
  );
}

export function Toolbar({ collections }: { collections: readonly Collection[] }) {
  const filters = useLibraryStore(useShallow((state) => state.filters));
  const total = useLibraryStore((state) => state.total);
  const canEdit = useAppStore((state) => state.info?.canEdit === true);
  const sortKey =
    Object.entries(SORTS).find(([, s]) => s.sort === filters.sort && s.order === filters.order)?.[0] ?? 'newest';

  const activeFilters = [
    filters.kind,
    filters.format,
    filters.collection,
    filters.minRating,
    filters.importedFrom ?? filters.importedTo,
  ].filter(Boolean).length;

  // One row at 1024 px: the everyday controls stay out, the rest sit in the Filters popover.
  return (
    <header className="toolbar">
      <div className="toolbar__row">
        <h1 className="toolbar__title">
          {filters.trashed ? 'Trash' : 'Library'}
          {total !== null && <span className="toolbar__count">{total.toLocaleString()}</span>}
        </h1>
        <SearchField />
        <fieldset className="toolbar__row toolbar__filters" aria-label="Filters">
          <button
            type="button"
            className="chip chip--icon"
            aria-pressed={filters.favorite}
            aria-label="Favourites"
            title="Favourites only"
            onClick={() => setFilters({ favorite: !filters.favorite })}
          >
            <Icon name="star" size={14} filled={filters.favorite} />
          </button>
          <ColourFilter />
          {filters.tag && (
            <span className="chip chip--active">
              <Icon name="tag" size={14} />
              {filters.tag}
              <button
                type="button"
                className="chip__remove"
                aria-label={`Clear tag filter ${filters.tag}`}
                onClick={() => setFilters({ tag: null })}
              >
                <Icon name="close" size={12} />
              </button>
            </span>
          )}
          <Popover
            label="More filters"
            buttonClassName={`chip${activeFilters > 0 ? ' chip--active' : ''}`}
            button={
              <>
                <Icon name="filter" size={14} />
                {activeFilters > 0 ? `Filters · ${activeFilters}` : 'Filters'}
              </>
            }
          >
            <fieldset className="segmented" aria-label="Kind">
              {([null, 'vector', 'raster'] as const).map((kind) => (
                <button
                  key={kind ?? 'all'}
                  type="button"
                  aria-pressed={filters.kind === kind}
                  className="segmented__item"
                  onClick={() => setFilters({ kind })}
                >
                  {kind === null ? 'All' : kind === 'vector' ? 'Vector' : 'Raster'}
                </button>
              ))}
            </fieldset>
            <span className="select">
              <select
                aria-label="Format"
                value={filters.format ?? ''}
                onChange={(event) => setFilters({ format: (event.target.value || null) as LogoFormat | null })}
              >
                <option value="">Any format</option>
                {LOGO_FORMATS.map((format) => (
                  <option key={format} value={format}>
                    {FORMAT_LABELS[format]}
                  </option>
                ))}
              </select>
            </span>
            <RatingFilter />
            <DateRangeFilter />
            {collections.length > 0 && (
              <span className="select">
                <select
                  aria-label="Collection"
                  value={filters.collection ?? ''}
                  onChange={(event) => setFilters({ collection: event.target.value || null })}
                >
                  <option value="">All collections</option>
                  {collections.map((collection) => (
                    <option key={collection.id} value={collection.id}>
                      {collection.name} ({collection.logoCount})
                    </option>
                  ))}
                </select>
              </span>
            )}
            <span className="select">
              <select
                aria-label="Sort"
                value={sortKey}
                onChange={(event) => {
                  const { sort, order } = SORTS[event.target.value] ?? { sort: 'importedAt', order: 'desc' };
                  setFilters({ sort, order });
                }}
              >
                {Object.entries(SORTS).map(([key, sort]) => (
                  <option key={key} value={key}>
                    {sort.label}
                  </option>
                ))}
              </select>
            </span>
          </Popover>
          <SaveSearchButton />
        </fieldset>
        <span className="toolbar__spacer" />
        <ThumbnailSizeSlider />
        <ViewMenu />
        {canEdit && !filters.trashed && (
          <button
            type="button"
            className="button button--primary"
            onClick={openImportDialog}
            aria-keyshortcuts="Control+O Meta+O"
          >
            <Icon name="plus" size={16} />
            Import
          </button>
        )}
      </div>
    </header>
  );
}
