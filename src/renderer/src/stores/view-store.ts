import { create } from 'zustand';

/** What the tiles' thumbnails sit on: dark navy or red marks vanish on a dark checkerboard. */
export const THUMB_BACKGROUNDS = ['checker', 'light', 'dark'] as const;
export type ThumbBackground = (typeof THUMB_BACKGROUNDS)[number];

/** Thumbnail widths the slider and Ctrl/Cmd +/- move between, in CSS pixels. */
export const THUMB_SIZE = { min: 72, max: 320, step: 8, default: 112 } as const;
/** Ctrl/Cmd +/- jump further than one slider step: a visible change per press. */
const KEY_STEP = 24;

interface ViewState {
  /** The smallest width a tile may have; the grid fits as many columns of it as it can. */
  readonly thumbSize: number;
  readonly thumbBackground: ThumbBackground;
  readonly sidebarCollapsed: boolean;
  /** The designer closed the details panel: it stays closed even with a selection. */
  readonly detailsCollapsed: boolean;
}

const STORAGE_KEY = 'marque.view';

const DEFAULTS: ViewState = {
  thumbSize: THUMB_SIZE.default,
  thumbBackground: 'checker',
  sidebarCollapsed: false,
  detailsCollapsed: false,
};

function clampSize(size: number): number {
  if (!Number.isFinite(size)) return THUMB_SIZE.default;
  return Math.min(THUMB_SIZE.max, Math.max(THUMB_SIZE.min, Math.round(size)));
}

/** Reads the remembered view; anything missing or malformed falls back to the default. */
function load(): ViewState {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    if (!raw || typeof raw !== 'object') return DEFAULTS;
    const saved = raw as Record<string, unknown>;
    return {
      thumbSize: typeof saved.thumbSize === 'number' ? clampSize(saved.thumbSize) : DEFAULTS.thumbSize,
      thumbBackground: THUMB_BACKGROUNDS.includes(saved.thumbBackground as ThumbBackground)
        ? (saved.thumbBackground as ThumbBackground)
        : DEFAULTS.thumbBackground,
      sidebarCollapsed: saved.sidebarCollapsed === true,
      detailsCollapsed: saved.detailsCollapsed === true,
    };
  } catch {
    return DEFAULTS;
  }
}

/** How the designer likes the library laid out; remembered per browser profile (localStorage). */
export const useViewStore = create<ViewState>(() => load());

useViewStore.subscribe((state) => {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Private mode or a full quota: the view still works, it is just not remembered.
  }
});

export function setThumbSize(size: number): void {
  useViewStore.setState({ thumbSize: clampSize(size) });
}

/** Ctrl/Cmd + and -: one notch bigger or smaller. */
export function stepThumbSize(direction: 1 | -1): void {
  setThumbSize(useViewStore.getState().thumbSize + direction * KEY_STEP);
}

export function setThumbBackground(background: ThumbBackground): void {
  useViewStore.setState({ thumbBackground: background });
}

export function toggleSidebar(): void {
  useViewStore.setState((state) => ({ sidebarCollapsed: !state.sidebarCollapsed }));
}

export function toggleDetails(): void {
  useViewStore.setState((state) => ({ detailsCollapsed: !state.detailsCollapsed }));
}
