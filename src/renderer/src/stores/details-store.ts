import { create } from 'zustand';
import type { LogoArtwork } from '../../../shared/artwork.ts';
import type { Collection } from '../../../shared/contract/collections.ts';
import type { LogoOutput } from '../../../shared/contract/jobs.ts';
import type { LogoVersion } from '../../../shared/contract/library.ts';
import type { Logo } from '../../../shared/domain.ts';
import type { Palette } from '../../../shared/palette.ts';
import { client } from '../api/client.ts';
import { logQuietly } from '../api/report-error.ts';
import { loadedLogo } from './library-store.ts';
import { useSelectionStore } from './selection-store.ts';

interface DetailsState {
  /** The logo the details panel shows: the single selected one. */
  readonly logo: Logo | null;
  readonly palette: Palette | null;
  /** How the artwork is read (background decision and override); null where not available. */
  readonly artwork: LogoArtwork | null;
  readonly outputs: readonly LogoOutput[];
  /** Masters of the logo, newest first (more than one once the master was replaced). */
  readonly versions: readonly LogoVersion[];
  /** The collections that hold the logo. */
  readonly memberOf: readonly Collection[];
  readonly error: string | null;
}

export const useDetailsStore = create<DetailsState>(() => ({
  logo: null,
  palette: null,
  artwork: null,
  outputs: [],
  versions: [],
  memberOf: [],
  error: null,
}));

let wanted: string | null = null;

/** Palette and outputs are extras: a logo without them (or a share that hides them) still shows. */
async function optional<T>(what: string, read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    logQuietly(`reading a logo's ${what}`, error);
    return fallback;
  }
}

/** Reads the logo again (after an edit, or when another client changed it). */
export async function loadDetails(id: string | null): Promise<void> {
  wanted = id;
  if (!id) {
    useDetailsStore.setState({
      logo: null,
      palette: null,
      artwork: null,
      outputs: [],
      versions: [],
      memberOf: [],
      error: null,
    });
    return;
  }
  // Another logo: show what the grid already knows in this frame; palette, outputs and versions
  // follow when their reads return (at 100,000 logos, a click must not wait on five requests).
  const known = useDetailsStore.getState().logo?.id === id ? undefined : loadedLogo(id);
  if (known)
    useDetailsStore.setState({
      logo: known,
      palette: null,
      artwork: null,
      outputs: [],
      versions: [],
      memberOf: [],
      error: null,
    });
  try {
    const [logo, palette, artwork, outputs, versions, memberOf] = await Promise.all([
      client.call('library.get', { id }),
      optional('palette', () => client.call('library.palette', { id }), null),
      optional('artwork', () => client.call('library.artwork', { id }), null),
      optional('outputs', () => client.call('jobs.outputs', { logoId: id }), [] as readonly LogoOutput[]),
      optional('versions', () => client.call('library.versions', { id }), [] as readonly LogoVersion[]),
      optional('collections', () => client.call('collections.forLogo', { logoId: id }), [] as readonly Collection[]),
    ]);
    if (wanted === id) useDetailsStore.setState({ logo, palette, artwork, outputs, versions, memberOf, error: null });
  } catch (error) {
    if (wanted === id) {
      useDetailsStore.setState({
        logo: null,
        palette: null,
        artwork: null,
        outputs: [],
        versions: [],
        memberOf: [],
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** Follows the selection: one selected logo opens in the panel. */
useSelectionStore.subscribe((state, previous) => {
  if (state.selected === previous.selected) return;
  const only = state.selected.size === 1 ? ([...state.selected][0] ?? null) : null;
  if (only !== wanted) void loadDetails(only);
});

export function detailsId(): string | null {
  return wanted;
}
