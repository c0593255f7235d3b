import { create } from 'zustand';
import { logoAt, useLibraryStore } from './library-store.ts';

interface SelectionState {
  readonly selected: ReadonlySet<string>;
  /** Where a Shift-click range starts. */
  readonly anchor: number | null;
  /** The grid cell the keyboard is on. */
  readonly cursor: number;
}

export const useSelectionStore = create<SelectionState>(() => ({ selected: new Set(), anchor: null, cursor: 0 }));

/** The ids between two grid indexes that are loaded (a range always lies on screen). */
function rangeIds(from: number, to: number): string[] {
  const ids: string[] = [];
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
    const logo = logoAt(i);
    if (logo) ids.push(logo.id);
  }
  return ids;
}

/** Click semantics of a designer tool: plain replaces, Cmd/Ctrl toggles, Shift extends from the anchor. */
export function selectAt(index: number, mode: 'replace' | 'toggle' | 'range'): void {
  const logo = logoAt(index);
  if (!logo) return;
  const { selected, anchor } = useSelectionStore.getState();
  if (mode === 'replace') {
    useSelectionStore.setState({ selected: new Set([logo.id]), anchor: index, cursor: index });
  } else if (mode === 'toggle') {
    const next = new Set(selected);
    if (next.has(logo.id)) next.delete(logo.id);
    else next.add(logo.id);
    useSelectionStore.setState({ selected: next, anchor: index, cursor: index });
  } else {
    const start = anchor ?? index;
    useSelectionStore.setState({ selected: new Set(rangeIds(start, index)), anchor: start, cursor: index });
  }
}

export function setCursor(index: number): void {
  useSelectionStore.setState({ cursor: index });
}

export function selectIds(ids: Iterable<string>): void {
  useSelectionStore.setState({ selected: new Set(ids) });
}

export function clearSelection(): void {
  useSelectionStore.setState({ selected: new Set(), anchor: null });
}

/** Drops ids that are no longer in the loaded view (after a delete, a restore or a new filter). */
export function pruneSelection(gone: Iterable<string>): void {
  const next = new Set(useSelectionStore.getState().selected);
  for (const id of gone) next.delete(id);
  useSelectionStore.setState({ selected: next });
}

/**
 * A new query starts a new selection: Delete or Export must never act on logos the designer can
 * no longer see. The cursor stays inside the list when it shrinks.
 */
useLibraryStore.subscribe((state, previous) => {
  if (state.filters !== previous.filters) {
    useSelectionStore.setState({ selected: new Set(), anchor: null, cursor: 0 });
    return;
  }
  const { cursor } = useSelectionStore.getState();
  if (state.total !== null && cursor >= state.total)
    useSelectionStore.setState({ cursor: Math.max(0, state.total - 1) });
});
