import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon.tsx';
import { InlineNameField } from '../../components/InlineNameField.tsx';
import { useAppStore } from '../../stores/app-store.ts';
import { isFiltered, setFilters, useLibraryStore } from '../../stores/library-store.ts';
import { saveSearch } from '../../stores/smart-collections-store.ts';

/** Minimum star rating: any, or 1-5 stars and up. */
export function RatingFilter() {
  const minRating = useLibraryStore((state) => state.filters.minRating);
  return (
    <span className="select">
      <select
        aria-label="Minimum rating"
        value={minRating}
        onChange={(event) => setFilters({ minRating: Number(event.target.value) })}
      >
        <option value={0}>Any rating</option>
        {[1, 2, 3, 4, 5].map((n) => (
          <option key={n} value={n}>
            {n < 5 ? `${n}+ stars` : '5 stars'}
          </option>
        ))}
      </select>
    </span>
  );
}

const PRESETS = { any: 0, week: 7, month: 30, year: 365 } as const;
type Preset = keyof typeof PRESETS | 'custom';

/** 'YYYY-MM-DD' of the day `days` before today (UTC, as import times are stored). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Imported when: any time, the last week, month or year, or between two days (Dates…). A preset is
 * written as a start day, so a smart collection saved from it keeps that day.
 */
export function DateRangeFilter() {
  const { from, to } = useLibraryStore(
    useShallow((state) => ({ from: state.filters.importedFrom, to: state.filters.importedTo })),
  );
  const [custom, setCustom] = useState(false);
  const preset: Preset =
    custom || to
      ? 'custom'
      : from === null
        ? 'any'
        : ((Object.entries(PRESETS).find(([, days]) => days > 0 && daysAgo(days) === from)?.[0] as
            | Preset
            | undefined) ?? 'custom');
  return (
    <span className="date-range">
      <span className="select">
        <select
          aria-label="Imported"
          value={preset}
          onChange={(event) => {
            const value = event.target.value as Preset;
            setCustom(value === 'custom');
            if (value !== 'custom')
              setFilters({ importedFrom: value === 'any' ? null : daysAgo(PRESETS[value]), importedTo: null });
          }}
        >
          <option value="any">Any time</option>
          <option value="week">Last 7 days</option>
          <option value="month">Last 30 days</option>
          <option value="year">Last year</option>
          <option value="custom">Dates…</option>
        </select>
      </span>
      {preset === 'custom' && (
        <>
          <input
            type="date"
            className="input input--date"
            aria-label="Imported from"
            value={from ?? ''}
            max={to ?? undefined}
            onChange={(event) => setFilters({ importedFrom: event.target.value || null })}
          />
          <span aria-hidden="true">–</span>
          <input
            type="date"
            className="input input--date"
            aria-label="Imported to"
            value={to ?? ''}
            min={from ?? undefined}
            onChange={(event) => setFilters({ importedTo: event.target.value || null })}
          />
        </>
      )}
    </span>
  );
}

/** "Save search": names the current search and keeps it as a smart collection in the sidebar. */
export function SaveSearchButton() {
  const filtered = useLibraryStore((state) => isFiltered(state.filters) && !state.filters.trashed);
  const canEdit = useAppStore((state) => state.info?.canEdit === true);
  const [naming, setNaming] = useState(false);
  const saveButton = useRef<HTMLButtonElement>(null);
  const committed = useRef(false);
  if (!canEdit || !filtered) return null;
  if (naming) {
    return (
      <span className="save-search">
        <InlineNameField
          label="Smart collection name"
          placeholder="Name this search"
          initial=""
          onCommit={(name) => {
            committed.current = true;
            // Focus follows the search into the sidebar once it is listed there.
            void saveSearch(name).then((id) =>
              requestAnimationFrame(() =>
                (id
                  ? document.querySelector<HTMLElement>(`[data-smart-collection-id="${id}"]`)
                  : saveButton.current
                )?.focus(),
              ),
            );
          }}
          onDone={() => {
            setNaming(false);
            if (!committed.current) requestAnimationFrame(() => saveButton.current?.focus());
            committed.current = false;
          }}
        />
      </span>
    );
  }
  return (
    <button ref={saveButton} type="button" className="chip" onClick={() => setNaming(true)}>
      <Icon name="plus" size={14} />
      Save search
    </button>
  );
}
