/**
 * The proof sheet as the UI and the CLI read it: every output of a logo beside its master, with
 * its score against the master and a flag when it is under its threshold.
 */

/** The fidelity facts a recipe writes (see core artwork/score.ts); only what the proof reads. */
export interface ProofFidelity {
  readonly iou: number;
  readonly meanColorError?: number;
  readonly belowThreshold?: boolean;
}

/** One output on the sheet. */
export interface ProofItem {
  readonly label: string;
  readonly recipe: string;
  /** The job whose output this is; its file is served as `/media/output/<jobId>/<file>`. */
  readonly jobId: string;
  readonly file: string;
  /** "IoU 99.2 %" or "ΔE 1.40, IoU 99.2 %"; null when the recipe wrote no score. */
  readonly score: string | null;
  readonly belowThreshold: boolean;
  /** Drawn on a dark tile: the white and reversed versions are made for dark backgrounds. */
  readonly dark: boolean;
  /** The output's own warnings (a flagged output says why). */
  readonly warnings: readonly string[];
  /** Made from an older master or processor: make it again before trusting it. */
  readonly stale: boolean;
}

/** One logo's part of the sheet. */
export interface ProofLogo {
  readonly logoId: string;
  readonly name: string;
  readonly items: readonly ProofItem[];
  /** Recipes with no output yet, evicted files or only a stale output: the dialog can make them. */
  readonly missing: readonly string[];
}

export interface ProofSheet {
  readonly logos: readonly ProofLogo[];
}

/**
 * The recipes a proof sheet shows, in order, with their labels (the CLI's HTML uses the same) and
 * the options the dialog makes missing ones with (the package: one 256 px PNG per colourway).
 */
export const PROOF_RECIPES: readonly {
  readonly recipe: string;
  readonly label: string;
  readonly options: Record<string, unknown>;
}[] = [
  { recipe: 'trace', label: 'Trace (one colour)', options: {} },
  { recipe: 'trace-color', label: 'Trace (full colour)', options: {} },
  { recipe: 'remove-bg', label: 'Background removed', options: {} },
  { recipe: 'package', label: 'Package', options: { formats: ['png'], pngSizes: [256] } },
];

/** The label of a recipe's output on the sheet ("Package: White" for a colourway). */
export function proofLabel(recipe: string, colourway?: string): string {
  const label = PROOF_RECIPES.find((r) => r.recipe === recipe)?.label ?? recipe;
  return colourway ? `${label}: ${colourway}` : label;
}

/** The white and reversed versions are made for dark backgrounds: the sheet draws them on one. */
export function onDark(colourway: string): boolean {
  return colourway === 'White' || colourway === 'Reversed';
}

/** The score as the sheet writes it, in the UI and in `marque proof`'s HTML alike. */
export function proofScore(fidelity: ProofFidelity | null | undefined): {
  score: string | null;
  belowThreshold: boolean;
} {
  if (!fidelity || typeof fidelity.iou !== 'number') return { score: null, belowThreshold: false };
  const score =
    fidelity.meanColorError !== undefined
      ? `ΔE ${fidelity.meanColorError.toFixed(2)}, IoU ${(fidelity.iou * 100).toFixed(1)} %`
      : `IoU ${(fidelity.iou * 100).toFixed(1)} %`;
  return { score, belowThreshold: fidelity.belowThreshold === true };
}
