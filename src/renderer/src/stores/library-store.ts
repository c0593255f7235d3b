import { create } from 'zustand';
import type { LibraryQuery } from '../../../shared/contract/index.ts';
import { DEFAULT_COLOR_TOLERANCE } from '../../../shared/contract/library.ts';
import type { Logo, LogoFormat } from '../../../shared/domain.ts';
import { client } from '../api/client.ts';
import { canEdit } from './app-store.ts';

/** Logos are fetched in pages as the grid scrolls to them; 10,000 logos never load at once. */
export const PAGE_SIZE = 200;

export interface LibraryFilters {
  readonly search: string;
  readonly format: LogoFormat | null;
  readonly kind: 'vector' | 'raster' | null;
  readonly tag: string | null;
  readonly collection: string | null;
  /** '#rrggbb': logos with a palette colour close to it. */
  readonly color: string | null;
  /** How close (Delta E CIE76) a palette colour must be to `color`. */
  readonly colorTolerance: number;
  readonly favorite: boolean;
  /** Logos rated at least this many stars (0: any). */
  readonly minRating: number;
  /** Import day range, 'YYYY-MM-DD', inclusive. */
  readonly importedFrom: string | null;
  readonly importedTo: string | null;
  readonly trashed: boolean;
  readonly sort: 'importedAt' | 'name' | 'byteSize' | 'rating';
  readonly order: 'asc' | 'desc';
}

export const DEFAULT_FILTERS: LibraryFilters = {
  search: '',
  format: null,
  kind: null,
  tag: null,
  collection: null,
  color: null,
  colorTolerance: DEFAULT_COLOR_TOLERANCE,
  favorite: false,
  minRating: 0,
  importedFrom: null,
  importedTo: null,
  trashed: false,
  sort: 'importedAt',
  order: 'desc',
};

interface LibraryState {
  readonly filters: LibraryFilters;
  /** Matching logos, or null before the first page arrived. */
  readonly total: number | null;
  /** Loaded pages by page index. */
  readonly pages: Readonly<Record<number, readonly Logo[]>>;
  /** Logos in the whole library (not in the trash), for the empty state and the status bar. */
  readonly libraryTotal: number | null;
  /** Logos in the Trash, for the sidebar. */
  readonly trashTotal: number | null;
  readonly error: string | null;
}

export const useLibraryStore = create<LibraryState>(() => ({
  filters: DEFAULT_FILTERS,
  total: null,
  pages: {},
  libraryTotal: null,
  trashTotal: null,
  error: null,
}));

/** Bumped whenever the query changes, so replies to an older query are dropped. */
let generation = 0;
/** The generation whose first page is on its way; until it lands the old pages stay as they are. */
let replacing: number | null = null;
const inFlight = new Set<string>();

export function toQuery(filters: LibraryFilters, page: number): LibraryQuery {
  return {
    search: filters.search.trim() || undefined,
    format: filters.format ?? undefined,
    kind: filters.kind ?? undefined,
    tag: filters.tag ?? undefined,
    collection: filters.collection ?? undefined,
    color: filters.color ?? undefined,
    colorTolerance: filters.color ? filters.colorTolerance : undefined,
    favorite: filters.favorite ? true : undefined,
    minRating: filters.minRating || undefined,
    importedFrom: filters.importedFrom ?? undefined,
    importedTo: filters.importedTo ?? undefined,
    trashed: filters.trashed || undefined,
    sort: filters.sort,
    order: filters.order,
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
}

export function logoAt(index: number): Logo | undefined {
  return useLibraryStore.getState().pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
}

/** A logo the grid already loaded, by id (the details panel shows it before its own reads return). */
export function loadedLogo(id: string): Logo | undefined {
  for (const page of Object.values(useLibraryStore.getState().pages)) {
    const logo = page.find((item) => item.id === id);
    if (logo) return logo;
  }
  return undefined;
}

/** Loads one page of the current query unless it is loaded or on its way. */
export async function ensurePage(page: number): Promise<void> {
  const state = useLibraryStore.getState();
  if (state.pages[page] || page < 0 || replacing === generation) return;
  if (state.total !== null && page * PAGE_SIZE >= state.total) return;
  const key = `${generation}:${page}`;
  if (inFlight.has(key)) return;
  inFlight.add(key);
  const mine = generation;
  try {
    const reply = await client.call('library.list', toQuery(state.filters, page));
    if (mine !== generation) return;
    useLibraryStore.setState((current) => ({
      total: reply.total,
      pages: { ...current.pages, [page]: reply.items },
      error: null,
    }));
  } catch (error) {
    if (mine === generation)
      useLibraryStore.setState({ error: error instanceof Error ? error.message : String(error) });
  } finally {
    inFlight.delete(key);
  }
}

async function countLibrary(): Promise<void> {
  try {
    const [live, trash] = await Promise.all([
      client.call('library.list', { limit: 1 }),
      // The share has no Trash view; only a client that edits counts it.
      canEdit() ? client.call('library.list', { limit: 1, trashed: true }).catch(() => null) : null,
    ]);
    useLibraryStore.setState({ libraryTotal: live.total, trashTotal: trash?.total ?? null });
  } catch {
    // The list itself reports the error.
  }
}

/**
 * Re-reads the pages on screen for the current query. The old pages stay visible until the new
 * ones arrive, so a refresh after an import or an edit never flashes an empty grid.
 */
export async function refreshLibrary(): Promise<void> {
  generation++;
  const mine = generation;
  const state = useLibraryStore.getState();
  const loaded = Object.keys(state.pages).map(Number);
  const wanted = loaded.length > 0 ? loaded : [0];
  void countLibrary();
  try {
    const replies = await Promise.all(wanted.map((page) => client.call('library.list', toQuery(state.filters, page))));
    if (mine !== generation) return;
    const pages: Record<number, readonly Logo[]> = {};
    wanted.forEach((page, i) => {
      const reply = replies[i];
      if (reply && reply.items.length > 0) pages[page] = reply.items;
    });
    useLibraryStore.setState({ pages, total: replies[0]?.total ?? 0, error: null });
  } catch (error) {
    if (mine === generation)
      useLibraryStore.setState({ error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Changes the query: the grid starts over from the first page. The old results stay on screen
 * until the new first page arrives, so typing in the search box never flashes an empty grid.
 */
export function setFilters(change: Partial<LibraryFilters>): void {
  generation++;
  const mine = generation;
  replacing = mine;
  useLibraryStore.setState((state) => ({ filters: { ...state.filters, ...change } }));
  void loadFirstPage(mine);
}

async function loadFirstPage(mine: number): Promise<void> {
  try {
    const reply = await client.call('library.list', toQuery(useLibraryStore.getState().filters, 0));
    if (mine !== generation) return;
    useLibraryStore.setState({
      pages: reply.items.length > 0 ? { 0: reply.items } : {},
      total: reply.total,
      error: null,
    });
  } catch (error) {
    if (mine === generation)
      useLibraryStore.setState({ error: error instanceof Error ? error.message : String(error) });
  } finally {
    if (replacing === mine) replacing = null;
  }
}

export function resetFilters(): void {
  const { trashed } = useLibraryStore.getState().filters;
  setFilters({ ...DEFAULT_FILTERS, trashed });
}

/** True when any filter narrows the view (the empty state then says "no match", not "drop files"). */
export function isFiltered(filters: LibraryFilters): boolean {
  return Boolean(
    filters.search.trim() ||
      filters.format ||
      filters.kind ||
      filters.tag ||
      filters.collection ||
      filters.color ||
      filters.favorite ||
      filters.minRating ||
      filters.importedFrom ||
      filters.importedTo,
  );
}

/** Every id of the current query, in order, paging through the contract (select all). */
export async function allIds(): Promise<string[]> {
  const { filters, total } = useLibraryStore.getState();
  const pages = Math.ceil((total ?? 0) / 500);
  const ids: string[] = [];
  for (let page = 0; page < pages; page++) {
    const query = { ...toQuery(filters, 0), offset: page * 500, limit: 500 };
    const reply = await client.call('library.list', query);
    for (const logo of reply.items) ids.push(logo.id);
  }
  return ids;
}
