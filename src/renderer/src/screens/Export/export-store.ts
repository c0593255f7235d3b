import { create } from 'zustand';
import type {
  ExportPlan,
  ExportProgress,
  ExportSummary,
  InterruptedExportInfo,
} from '../../../../shared/contract/exports.ts';
import { DEFAULT_TEMPLATE, type ExportChoices } from '../../../../shared/contract/exports.ts';
import { client } from '../../api/client.ts';
import { logQuietly } from '../../api/report-error.ts';
import { defaultOptions, RECIPES } from './recipe-catalog.ts';

interface ExportState {
  /** Chosen recipes and their options, by recipe id. */
  readonly recipes: Readonly<Record<string, Record<string, unknown>>>;
  readonly destination: string;
  readonly template: string;
  readonly conflict: 'skip' | 'overwrite' | 'rename';
  readonly zip: boolean;
  readonly plan: ExportPlan | null;
  readonly progress: ExportProgress | null;
  readonly summary: ExportSummary | null;
  readonly busy: 'preview' | 'export' | 'download' | 'queue' | null;
  readonly error: string | null;
  /** A folder export into the chosen folder that was interrupted (the app was killed): offered to resume. */
  readonly interrupted: InterruptedExportInfo | null;
}

// A plain PNG is the safe first choice: every build has that recipe.
const first = RECIPES.find((recipe) => recipe.id === 'normalize');

export const useExportStore = create<ExportState>(() => ({
  recipes: first ? { [first.id]: defaultOptions(first) } : {},
  destination: '',
  template: DEFAULT_TEMPLATE,
  conflict: 'rename',
  zip: false,
  plan: null,
  progress: null,
  summary: null,
  busy: null,
  error: null,
  interrupted: null,
}));

let lookup: ReturnType<typeof setTimeout> | null = null;

/**
 * Asks whether an export into the chosen folder was interrupted, a moment after the folder stops
 * changing (typing a path asks once, not per key).
 */
export function checkInterrupted(delayMs = 300): void {
  if (lookup) clearTimeout(lookup);
  lookup = setTimeout(() => {
    lookup = null;
    const destination = useExportStore.getState().destination.trim();
    if (!destination) {
      useExportStore.setState({ interrupted: null });
      return;
    }
    client.call('exports.interrupted', { destination }).then(
      (interrupted) => {
        if (useExportStore.getState().destination.trim() === destination) useExportStore.setState({ interrupted });
      },
      // Not an absolute folder yet, or the server is away: nothing to offer.
      () => useExportStore.setState({ interrupted: null }),
    );
  }, delayMs);
}

/** The running export's progress, written by the 'exports.progress' event. */
export function applyExportProgress(progress: ExportProgress): void {
  useExportStore.setState({ progress });
}

let choicesLoaded = false;

/**
 * Restores the choices last used with this library (once per session: later changes on screen
 * win). Recipes this build no longer has are dropped.
 */
export async function loadExportChoices(): Promise<void> {
  if (choicesLoaded) return;
  choicesLoaded = true;
  try {
    const saved = await client.call('exports.choices', {});
    if (!saved) return;
    const known = new Set(RECIPES.map((recipe) => recipe.id));
    const recipes = Object.fromEntries(Object.entries(saved.recipes).filter(([id]) => known.has(id)));
    useExportStore.setState({
      recipes: Object.keys(recipes).length > 0 ? recipes : useExportStore.getState().recipes,
      destination: saved.destination,
      template: saved.template,
      conflict: saved.conflict,
      zip: saved.zip,
      plan: null,
    });
    if (saved.destination) checkInterrupted(0);
  } catch (error) {
    // A viewer (the share) cannot read them, and an older server has no such method: defaults stay.
    logQuietly('restoring the export choices', error);
  }
}

/** Remembers the choices an export, preview or queue just used, for the next session. */
export function saveExportChoices(): void {
  const { recipes, destination, template, conflict, zip } = useExportStore.getState();
  const choices: ExportChoices = { recipes, destination: destination.trim(), template, conflict, zip };
  client.call('exports.saveChoices', choices).catch((error: unknown) => logQuietly('saving the export choices', error));
}
