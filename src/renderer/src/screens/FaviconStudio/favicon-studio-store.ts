import { create } from 'zustand';
import type { FaviconPreview } from '../../../../shared/contract/favicon.ts';
import { client } from '../../api/client.ts';
import { errorMessage } from '../../stores/toast-store.ts';

/**
 * The favicon recipe's options as the studio edits them (the core's zod schema validates them
 * again). A key left out takes the recipe's default, so "Automatic" means "absent".
 */
export interface FaviconStudioOptions {
  readonly profile: 'modern' | 'extended' | 'custom';
  readonly sizes: readonly number[];
  readonly icoSizes?: readonly number[];
  readonly appName?: string;
  readonly shortName?: string;
  readonly themeColor?: string;
  readonly backgroundColor?: string;
  readonly basePath: string;
  readonly darkMode: 'auto' | 'always' | 'never';
  readonly override16?: string;
  readonly override32?: string;
  readonly traceRaster: boolean;
}

export type FaviconOptionKey = keyof FaviconStudioOptions;

export const DEFAULT_FAVICON_OPTIONS: FaviconStudioOptions = {
  profile: 'modern',
  sizes: [],
  basePath: '/',
  darkMode: 'auto',
  traceRaster: false,
};

export interface StudioLogo {
  readonly id: string;
  readonly name: string;
  readonly width: number;
  readonly height: number;
}

interface FaviconStudioState {
  /** The logo the studio previews; null when closed. */
  readonly logo: StudioLogo | null;
  readonly options: FaviconStudioOptions;
  readonly preview: FaviconPreview | null;
  readonly busy: boolean;
  readonly error: string | null;
  /** Where the focus goes back when the studio closes. */
  readonly returnFocus: HTMLElement | null;
}

export const useFaviconStudioStore = create<FaviconStudioState>(() => ({
  logo: null,
  options: DEFAULT_FAVICON_OPTIONS,
  preview: null,
  busy: false,
  error: null,
  returnFocus: null,
}));

/** Keys that are only sent when set: an empty field means the recipe's own default. */
function withoutBlanks(options: FaviconStudioOptions): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined && value !== ''));
}

/** The options as the favicon recipe takes them (the Export screen's `recipes.favicon`). */
export function recipeOptions(options: FaviconStudioOptions = useFaviconStudioStore.getState().options) {
  return withoutBlanks(options);
}

/** Reads recipe options (from the Export screen) back into the studio's shape. */
function fromRecipe(options: Readonly<Record<string, unknown>> | undefined): FaviconStudioOptions {
  return { ...DEFAULT_FAVICON_OPTIONS, ...(options as Partial<FaviconStudioOptions> | undefined) };
}

let sequence = 0;
let pending: ReturnType<typeof setTimeout> | null = null;

/** Makes the real pack for the current options; a reply to an older request is dropped. */
async function refresh(): Promise<void> {
  const { logo, options } = useFaviconStudioStore.getState();
  if (!logo) return;
  const mine = ++sequence;
  useFaviconStudioStore.setState({ busy: true });
  try {
    const preview = await client.call('favicon.preview', { logoId: logo.id, options: recipeOptions(options) });
    if (mine === sequence) useFaviconStudioStore.setState({ preview, error: null });
  } catch (error) {
    if (mine === sequence) useFaviconStudioStore.setState({ error: errorMessage(error) });
  } finally {
    if (mine === sequence) useFaviconStudioStore.setState({ busy: false });
  }
}

/** Asks for a new pack a moment after the options stop changing (typing a name asks once). */
function scheduleRefresh(delayMs = 250): void {
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = null;
    void refresh();
  }, delayMs);
}

/** Opens the studio on a logo, starting from `options` (e.g. the Export screen's favicon choices). */
export function openFaviconStudio(
  logo: StudioLogo,
  options?: Readonly<Record<string, unknown>>,
  returnFocus: HTMLElement | null = document.activeElement instanceof HTMLElement ? document.activeElement : null,
): void {
  useFaviconStudioStore.setState({
    logo,
    options: fromRecipe(options),
    preview: null,
    error: null,
    returnFocus,
  });
  scheduleRefresh(0);
}

export function closeFaviconStudio(): void {
  const { returnFocus } = useFaviconStudioStore.getState();
  if (pending) clearTimeout(pending);
  sequence++;
  useFaviconStudioStore.setState({ logo: null, preview: null, busy: false, error: null, returnFocus: null });
  returnFocus?.focus({ preventScroll: true });
}

export function setFaviconOption<K extends FaviconOptionKey>(key: K, value: FaviconStudioOptions[K]): void {
  useFaviconStudioStore.setState((state) => ({ options: { ...state.options, [key]: value } }));
  scheduleRefresh();
}
