import type { LogoInkEdits } from '../../../../shared/print.ts';
import { client } from '../../api/client.ts';

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
 * Changes a logo's remembered ink edits (print.setLogoInks): every spot PDF, separation and ink
 * plan of that logo prints them from then on, in this export and the next.
 */
async function editInks(logoId: string, change: (edits: LogoInkEdits) => LogoInkEdits): Promise<void> {
  const current = await client.call('print.logoInks', { logoId });
  await client.call('print.setLogoInks', { logoId, edits: change(current) });
}

/** Names the ink of colour `hex` (empty: back to its automatic name). */
export function renameInk(logoId: string, hex: string, name: string): Promise<void> {
  return editInks(logoId, (edits) => {
    const names = { ...edits.inkNames };
    if (name.trim()) names[hex] = name.trim().slice(0, 60);
    else delete names[hex];
    return { ...edits, inkNames: names };
  });
}

/** Colour `from` prints with the ink of colour `into` (null: with its own ink again). */
export function reassignInk(logoId: string, from: string, into: string | null): Promise<void> {
  return editInks(logoId, (edits) => {
    const merges = edits.mergeInks.filter((merge) => merge.from !== from);
    const kept = edits.keepInks.filter((hex) => hex !== from);
    return { ...edits, mergeInks: into ? [...merges, { from, into }] : merges, keepInks: kept };
  });
}

/** Splits a colour that was merged automatically off onto an ink of its own. */
export function keepInkApart(logoId: string, hex: string): Promise<void> {
  return editInks(logoId, (edits) => ({
    ...edits,
    keepInks: [...edits.keepInks.filter((kept) => kept !== hex), hex],
    mergeInks: edits.mergeInks.filter((merge) => merge.from !== hex),
  }));
}
