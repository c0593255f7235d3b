import { useExportStore } from './export-store.ts';

/** Recipes whose spot inks the designer can edit: the options they share (see pdf-options.ts). */
const SPOT_RECIPES = ['pdf', 'separations'] as const;

type Options = Record<string, unknown>;

function isSpot(recipe: string, options: Options): boolean {
  return recipe === 'pdf' ? (options.color ?? 'cmyk') === 'spot' : (options.type ?? 'spot') === 'spot';
}

/**
 * The spot-ink options of the chosen recipes: a spot PDF first, else spot separations; null for
 * none. The ink preview measures with these.
 */
export function spotOptions(recipes: Readonly<Record<string, Options>>): Options | null {
  for (const recipe of SPOT_RECIPES) {
    const options = recipes[recipe];
    if (options && isSpot(recipe, options)) return options;
  }
  return null;
}

/**
 * Changes the ink choices of every chosen spot recipe at once, so the PDF and the separations of
 * this export print the inks the preview showed.
 */
function editInks(change: (options: Options) => Options): void {
  useExportStore.setState((state) => {
    const recipes = { ...state.recipes };
    for (const recipe of SPOT_RECIPES) {
      const options = recipes[recipe];
      if (options && isSpot(recipe, options)) recipes[recipe] = change(options);
    }
    return { recipes, plan: null };
  });
}

const mergesOf = (options: Options) => (options.mergeInks ?? []) as { from: string; into: string }[];
const keptOf = (options: Options) => (options.keepInks ?? []) as string[];

/** Names the ink of colour `hex` (empty: back to its automatic name). */
export function renameInk(hex: string, name: string): void {
  editInks((options) => {
    const names = { ...((options.inkNames ?? {}) as Record<string, string>) };
    if (name.trim()) names[hex] = name.trim().slice(0, 60);
    else delete names[hex];
    return { ...options, inkNames: names };
  });
}

/** Colour `from` prints with the ink of colour `into` (null: with its own ink again). */
export function reassignInk(from: string, into: string | null): void {
  editInks((options) => {
    const merges = mergesOf(options).filter((merge) => merge.from !== from);
    const kept = keptOf(options).filter((hex) => hex !== from);
    return { ...options, mergeInks: into ? [...merges, { from, into }] : merges, keepInks: kept };
  });
}

/** Splits a colour that was merged automatically off onto an ink of its own. */
export function keepInkApart(hex: string): void {
  editInks((options) => ({
    ...options,
    keepInks: [...keptOf(options).filter((kept) => kept !== hex), hex],
    mergeInks: mergesOf(options).filter((merge) => merge.from !== hex),
  }));
}
