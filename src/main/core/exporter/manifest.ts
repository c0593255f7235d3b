import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CONFLICT_MODES } from '../../../shared/contract/exports.ts';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * manifest.json: what an export wrote, with each file's size and sha256 as re-read from disk
 * after writing (the delivery audit a client or a print shop can check with `shasum -a 256`).
 */
export const exportManifest = z
  .object({
    format: z.literal('marque-export'),
    version: z.literal(1),
    exportId: z.string().min(1),
    createdAt: z.iso.datetime(),
    template: z.string(),
    conflict: z.enum(CONFLICT_MODES),
    zip: z.boolean(),
    files: z.array(
      z
        .object({
          path: z.string().min(1),
          bytes: z.number().int().min(0),
          sha256,
          logoId: z.string(),
          logoName: z.string(),
          recipe: z.string(),
          file: z.string(),
          action: z.enum(['create', 'overwrite', 'rename']),
        })
        .strict(),
    ),
    skipped: z.array(z.object({ path: z.string(), logoId: z.string(), recipe: z.string(), file: z.string() }).strict()),
    failures: z.array(
      z
        .object({
          logoId: z.string(),
          logoName: z.string(),
          recipe: z.string(),
          file: z.string().nullable(),
          code: z.string(),
          message: z.string(),
        })
        .strict(),
    ),
    totals: z
      .object({ files: z.number().int(), bytes: z.number().int(), skipped: z.number().int(), failed: z.number().int() })
      .strict(),
  })
  .strict();

export type ExportManifest = z.infer<typeof exportManifest>;
export type ManifestFile = ExportManifest['files'][number];

export function buildManifest(input: Omit<ExportManifest, 'format' | 'version' | 'totals'>): ExportManifest {
  return {
    format: 'marque-export',
    version: 1,
    ...input,
    totals: {
      files: input.files.length,
      bytes: input.files.reduce((sum, f) => sum + f.bytes, 0),
      skipped: input.skipped.length,
      failed: input.failures.length,
    },
  };
}

export function manifestBytes(manifest: ExportManifest): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * The manifest an earlier Marque export left at `path`, or null when there is none or the file is
 * not one of ours (a designer's own manifest.json is never merged into or replaced).
 */
export async function readOwnManifest(path: string): Promise<ExportManifest | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = exportManifest.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * One manifest per folder: this export's record, plus the files an earlier export listed that this
 * one did not write again (a "Keep both" export beside it adds to the record instead of a second
 * manifest). Failures and skips are this export's own.
 */
export function mergeManifests(earlier: ExportManifest, current: ExportManifest): ExportManifest {
  const rewritten = new Set(current.files.map((f) => f.path));
  const kept = earlier.files.filter((f) => !rewritten.has(f.path));
  const { format: _f, version: _v, totals: _t, ...rest } = current;
  return buildManifest({ ...rest, files: [...kept, ...current.files] });
}
