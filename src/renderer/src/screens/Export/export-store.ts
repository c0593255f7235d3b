import { create } from 'zustand';
import type { ExportPlan, ExportProgress, ExportSummary } from '../../../../shared/contract/exports.ts';
import { DEFAULT_TEMPLATE } from '../../../../shared/contract/exports.ts';
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
}));

/** The running export's progress, written by the 'exports.progress' event. */
export function applyExportProgress(progress: ExportProgress): void {
  useExportStore.setState({ progress });
}
