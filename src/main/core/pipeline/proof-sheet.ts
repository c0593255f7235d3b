import type { LogoOutput } from '../../../shared/contract/jobs.ts';
import {
  onDark,
  PROOF_RECIPES,
  type ProofFidelity,
  type ProofItem,
  type ProofLogo,
  type ProofSheet,
  proofLabel,
  proofScore,
} from '../../../shared/proof.ts';

/** What the sheet needs of the pipeline and the library (the services, or fakes in tests). */
export interface ProofSources {
  readonly outputs: (logoId: string) => Promise<readonly LogoOutput[]>;
  readonly nameOf: (logoId: string) => string;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function fidelityOf(value: unknown): ProofFidelity | null {
  if (!value || typeof value !== 'object') return null;
  const { iou, meanColorError, belowThreshold } = value as Record<string, unknown>;
  if (typeof iou !== 'number') return null;
  return {
    iou,
    ...(typeof meanColorError === 'number' ? { meanColorError } : {}),
    belowThreshold: belowThreshold === true,
  };
}

/** The items one output adds: one per file that pictures it (each colourway of a package). */
function itemsOf(output: LogoOutput): ProofItem[] {
  const facts = output.facts ?? {};
  const warnings = stringsOf(facts.warnings);
  const base = { recipe: output.recipe, jobId: output.jobId, stale: output.stale };
  if (output.recipe !== 'package') {
    const file = output.files.find((f) => f.mime.startsWith('image/'));
    if (!file) return [];
    return [
      {
        ...base,
        label: proofLabel(output.recipe),
        file: file.path,
        ...proofScore(fidelityOf(facts.fidelity)),
        dark: false,
        warnings,
      },
    ];
  }
  // The package: one raster per colourway, the size nearest 256 px.
  const scores = (facts.fidelity && typeof facts.fidelity === 'object' ? facts.fidelity : {}) as Record<
    string,
    unknown
  >;
  const best = new Map<string, { path: string; size: number }>();
  for (const file of output.files) {
    const match = /_RGB_([A-Za-z]+?)_(\d+)\.png$/.exec(file.path);
    if (!match?.[1] || !match[2]) continue;
    const size = Number(match[2]);
    const known = best.get(match[1]);
    if (!known || Math.abs(size - 256) < Math.abs(known.size - 256)) best.set(match[1], { path: file.path, size });
  }
  return [...best].map(([colourway, { path }]) => ({
    ...base,
    label: proofLabel('package', colourway),
    file: path,
    ...proofScore(fidelityOf(scores[colourway])),
    dark: onDark(colourway),
    warnings: warnings.filter((warning) => warning.includes(`The ${colourway} version`)),
  }));
}

/**
 * The proof sheet of a selection from the outputs already made: for each logo, the newest output
 * of each proof recipe (whatever options it was made with), with its score against the master.
 * Recipes with no usable output, or only a stale one, are listed as missing, for the caller to queue.
 */
export async function proofSheet(sources: ProofSources, logoIds: readonly string[]): Promise<ProofSheet> {
  const logos: ProofLogo[] = [];
  for (const logoId of logoIds) {
    const name = sources.nameOf(logoId);
    const outputs = await sources.outputs(logoId);
    const items: ProofItem[] = [];
    const missing: string[] = [];
    for (const { recipe } of PROOF_RECIPES) {
      // outputs() is newest first: the first available one is the one the designer made last.
      const output = outputs.find((o) => o.recipe === recipe && o.available);
      if (output) items.push(...itemsOf(output));
      // Scored against an older master (or by an older recipe): shown, marked, and made again on request.
      if (!output || output.stale) missing.push(recipe);
    }
    logos.push({ logoId, name, items, missing });
  }
  return { logos };
}
