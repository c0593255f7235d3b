import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  ConflictMode,
  ExportAction,
  ExportFailure,
  ExportPlan,
  ExportPlanEntry,
} from '../../../shared/contract/exports.ts';
import { isMissing } from '../fs-missing.ts';
import { deliveredFile, recipeWord } from './delivery-names.ts';
import { diskFailure } from './disk-errors.ts';
import { readOwnManifest } from './manifest.ts';
import { NameRegistry } from './name-registry.ts';
import { foldKey, safeComponent } from './safe-name.ts';
import { dateToken, type FileFacts, factsFor, parseTemplate, renderTemplate } from './template.ts';

/** One file a recipe produced, ready to be copied (it lives in the derived cache). */
export interface ProducedFile {
  /** Path inside the recipe's output, '/'-separated ('png/logo-512.png'). Untrusted. */
  readonly path: string;
  /** Absolute path of the bytes on disk. */
  readonly source: string;
  readonly bytes: number;
  readonly facts?: FileFacts;
  /** The recipe's warnings about the output this file belongs to (fidelity under threshold…). */
  readonly warnings?: readonly string[];
}

/** Everything one recipe produced for one logo. */
export interface ProducedBatch {
  readonly logoId: string;
  readonly logoName: string;
  readonly recipe: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly files: readonly ProducedFile[];
}

export interface PlanInput {
  readonly destination: string;
  readonly template: string;
  readonly conflict: ConflictMode;
  readonly zip: boolean;
  /** What the zip is named after (the collection, or the selection); `marque-export` when absent. */
  readonly zipTitle?: string;
  readonly now: Date;
  readonly batches: readonly ProducedBatch[];
  /** Failures met while producing, carried into the plan so the preview names them. */
  readonly failures?: readonly ExportFailure[];
  /**
   * Resuming: the paths an interrupted run of this export was to write. Files there count as free
   * (they are that run's own), so the plan comes out as it did then instead of numbering around them.
   */
  readonly ownPaths?: ReadonlySet<string>;
}

/** A plan entry with what the writer needs and the UI does not. */
export interface PlannedFile extends ExportPlanEntry {
  readonly source: string;
  readonly components: readonly string[];
}

export interface FullPlan extends ExportPlan {
  readonly files: readonly PlannedFile[];
  readonly conflict: ConflictMode;
  readonly template: string;
  readonly date: string;
  /** The manifest replaces an earlier export's manifest.json, keeping the files it listed. */
  readonly manifestMerges: boolean;
}

export const MANIFEST_NAME = 'manifest.json';

interface DiskEntry {
  readonly name: string;
  readonly isDir: boolean;
}

/** Directory listings of the destination, read once per folder, keyed the case-folded way. */
class DiskIndex {
  readonly #root: string;
  readonly #own: ReadonlySet<string>;
  readonly #listings = new Map<string, Map<string, DiskEntry>>();

  constructor(root: string, own: ReadonlySet<string> = new Set()) {
    this.#root = root;
    this.#own = own;
  }

  async load(dirs: readonly string[]): Promise<Map<string, DiskEntry>> {
    const key = dirs.map(foldKey).join('/');
    let listing = this.#listings.get(key);
    if (listing) return listing;
    listing = new Map();
    const folder = join(this.#root, ...dirs);
    // A folder that is not there yet is empty; one that cannot be read would make every name look free.
    const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
      if (isMissing(error)) return [];
      throw diskFailure(folder, error, 'Marque could not see what is already in the folder.');
    });
    for (const entry of entries) {
      if (!entry.isDirectory() && this.#own.has([...dirs, entry.name].join('/'))) continue;
      listing.set(foldKey(entry.name), { name: entry.name, isDir: entry.isDirectory() });
    }
    this.#listings.set(key, listing);
    return listing;
  }
}

/** Decides the action for a wanted name against what is on disk, and claims the final name. */
function settle(
  registry: NameRegistry,
  dirs: readonly string[],
  wanted: string,
  listing: ReadonlyMap<string, DiskEntry>,
  conflict: ConflictMode,
): { name: string; action: ExportAction } {
  const existing = listing.get(foldKey(wanted));
  if (!existing || registry.hasFile([...dirs, wanted])) {
    // Free on disk (or already a name of this plan: the registry numbers it).
    const name = registry.claimFile(dirs, wanted, (candidate) => listing.has(foldKey(candidate)));
    return { name, action: name === wanted ? 'create' : 'rename' };
  }
  if (conflict === 'overwrite' && !existing.isDir) {
    // Replace the file that is there, under its own spelling, so no OS ends up with two.
    return { name: registry.claimFile(dirs, existing.name), action: 'overwrite' };
  }
  if (conflict === 'skip') return { name: registry.claimFile(dirs, wanted), action: 'skip' };
  const name = registry.claimFile(dirs, wanted, (candidate) => listing.has(foldKey(candidate)));
  return { name, action: 'rename' };
}

/**
 * The exact tree an export writes: every produced file through the naming template, names made
 * safe and unique, conflicts with what is already in the destination decided up front.
 * Deterministic for the same inputs and the same destination contents.
 */
export async function planExport(input: PlanInput): Promise<FullPlan> {
  const template = parseTemplate(input.template);
  const date = dateToken(input.now);
  const disk = new DiskIndex(input.destination, input.ownPaths);
  const registry = new NameRegistry();

  let zipPath: string | null = null;
  let zipAction: ExportAction | null = null;
  if (input.zip) {
    const zipName = `${safeComponent(input.zipTitle ?? '', 'marque-export')}-${date}.zip`;
    const zip = settle(registry, [], zipName, await disk.load([]), input.conflict);
    zipPath = zip.name;
    zipAction = zip.action;
  }
  // The manifest is the folder's record: one per folder, never skipped. An earlier export's
  // manifest is merged into (whatever the conflict mode); anyone else's file is renamed around.
  const manifestListing = input.zip ? new Map<string, DiskEntry>() : await disk.load([]);
  const manifestMerges = !input.zip && (await readOwnManifest(join(input.destination, MANIFEST_NAME))) !== null;
  const manifestConflict: ConflictMode =
    input.zip || input.conflict === 'overwrite' || manifestMerges ? 'overwrite' : 'rename';
  const manifestPath = settle(registry, [], MANIFEST_NAME, manifestListing, manifestConflict).name;

  // One display name per logo, unique across the batch however the names fold.
  const logoNames = new Map<string, string>();
  const nameRegistry = new NameRegistry();
  for (const batch of input.batches) {
    if (logoNames.has(batch.logoId)) continue;
    logoNames.set(batch.logoId, nameRegistry.claimFile([], safeComponent(batch.logoName, batch.logoId)));
  }

  const files: PlannedFile[] = [];
  for (const batch of input.batches) {
    const sorted = [...batch.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const file of sorted) {
      const facts = factsFor(file.path, file.facts, batch.options);
      const logoName = logoNames.get(batch.logoId) as string;
      const components = renderTemplate(template, {
        name: logoName,
        recipe: recipeWord(batch.recipe),
        date,
        file: deliveredFile(batch.recipe, file.path, logoName, facts.size),
        ...facts,
      });
      const dirs = registry.claimDirs(components.slice(0, -1));
      const wanted = components.at(-1) as string;
      const listing = input.zip ? new Map<string, DiskEntry>() : await disk.load(dirs);
      const { name, action } = settle(registry, dirs, wanted, listing, input.conflict);
      const finalComponents = [...dirs, name];
      files.push({
        logoId: batch.logoId,
        logoName: batch.logoName,
        recipe: batch.recipe,
        file: file.path,
        path: finalComponents.join('/'),
        bytes: file.bytes,
        action,
        ...(name !== wanted && action === 'rename' ? { wanted: [...dirs, wanted].join('/') } : {}),
        source: file.source,
        components: finalComponents,
      });
    }
  }
  const entries = files.map(({ source: _source, components: _components, ...entry }) => entry);
  return {
    destination: input.destination,
    zipPath,
    zipAction,
    manifestPath,
    entries,
    files,
    totalBytes: files.reduce((sum, f) => sum + (f.action === 'skip' ? 0 : f.bytes), 0),
    failures: input.failures ?? [],
    conflict: input.conflict,
    template: input.template,
    date,
    manifestMerges,
  };
}

/**
 * The identity of a folder plan: the same key means the same files from the same sources at the
 * same paths, so an interrupted run of it can be finished instead of exported again beside itself.
 */
export function planKey(plan: FullPlan): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        destination: plan.destination,
        template: plan.template,
        conflict: plan.conflict,
        manifest: plan.manifestPath,
        // Sorted: the same logos picked in another order are the same export.
        files: plan.files
          // Not the action: resuming, the interrupted run's files count as free, so a replaced or
          // skipped file of the designer's plans as 'create' and the writer settles it as then.
          .map((f) => JSON.stringify([f.path, f.logoId, f.recipe, f.file, f.bytes, f.source]))
          .sort(),
      }),
    )
    .digest('hex');
}
