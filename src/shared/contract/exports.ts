import { z } from 'zod';
import { event, method } from './define.ts';
import { logoId } from './library.ts';

/** Tokens of a naming template; `{color}`/`{colorway}` are accepted as aliases. */
export const TEMPLATE_TOKENS = ['name', 'recipe', 'colourway', 'size', 'colour', 'date', 'file'] as const;
export type TemplateToken = (typeof TEMPLATE_TOKENS)[number];
export const TOKEN_ALIASES: Readonly<Record<string, TemplateToken>> = { color: 'colour', colorway: 'colourway' };
export const DEFAULT_TEMPLATE = '{name}/{recipe}/{file}';

export const CONFLICT_MODES = ['skip', 'overwrite', 'rename'] as const;
export type ConflictMode = (typeof CONFLICT_MODES)[number];

/** Why a template is refused, or null. Shared so the UI can say it while the user types. */
export function templateProblem(template: string): string | null {
  const tokens = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] as string);
  const unknown = tokens.find((t) => !(TEMPLATE_TOKENS as readonly string[]).includes(t) && !(t in TOKEN_ALIASES));
  if (unknown !== undefined) return `unknown token {${unknown}}; use ${TEMPLATE_TOKENS.map((t) => `{${t}}`).join(' ')}`;
  if (/[{}]/.test(template.replace(/\{[^{}]*\}/g, ''))) return 'unbalanced { or }';
  if (tokens.filter((t) => t === 'file').length !== 1) return 'the template needs {file} exactly once';
  if (template.split(/[/\\]/).some((part) => part.trim() === '..' || part.trim() === '.'))
    return '"." and ".." are not allowed';
  return null;
}

/** An absolute folder on this machine: POSIX `/…`, Windows `C:\…` or UNC `\\server\share`. */
function isAbsoluteFolder(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || /^\\\\[^\\]+\\[^\\]+/.test(path);
}

export const exportTemplate = z
  .string()
  .min(1)
  .max(300)
  .superRefine((template, ctx) => {
    const problem = templateProblem(template);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const exportDestination = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => !path.includes('\0'), 'the destination contains a NUL byte')
  .refine(isAbsoluteFolder, 'the destination must be an absolute folder path');

export const exportRequest = z
  .object({
    logoIds: z.array(logoId).min(1).max(10_000),
    recipes: z
      .array(
        z
          .object({
            recipe: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'not a recipe id'),
            options: z.record(z.string(), z.unknown()).default({}),
          })
          .strict(),
      )
      .min(1)
      .max(50),
    destination: exportDestination,
    template: exportTemplate.default(DEFAULT_TEMPLATE),
    conflict: z.enum(CONFLICT_MODES).default('rename'),
    zip: z.boolean().default(false),
    /** What the zip is named after: the collection the logos came from; absent, the selection's names. */
    title: z.string().trim().min(1).max(120).optional(),
    /**
     * An interrupted folder export of the same plan into this folder: true finishes it (writing
     * only the missing files; refused when there is none or the plan changed), false starts over
     * beside it, absent finishes it when the plan is identical.
     */
    resume: z.boolean().optional(),
  })
  .strict();

export type ExportRequest = z.input<typeof exportRequest>;

/** Browser mode: the same batch, delivered as one zip download instead of into a folder. */
export const exportDownloadRequest = exportRequest.omit({ destination: true, zip: true, conflict: true, resume: true });
export type ParsedExportDownloadRequest = z.output<typeof exportDownloadRequest>;
export type ParsedExportRequest = z.output<typeof exportRequest>;

/** What will happen to one file: a new file, replacing one, left alone, or written under a new name. */
export type ExportAction = 'create' | 'overwrite' | 'skip' | 'rename';

export interface ExportPlanEntry {
  readonly logoId: string;
  readonly logoName: string;
  readonly recipe: string;
  /** The file's path inside the recipe's output. */
  readonly file: string;
  /** '/'-separated path inside the destination (or inside the zip). */
  readonly path: string;
  readonly bytes: number;
  readonly action: ExportAction;
  /** For `rename`: the path that was taken. */
  readonly wanted?: string;
}

/** A logo x recipe that produced nothing, or a file that could not be written or verified. */
export interface ExportFailure {
  readonly logoId: string;
  readonly logoName: string;
  readonly recipe: string;
  readonly file: string | null;
  readonly code: string;
  readonly message: string;
}

/** The exact tree an export will write, shown before writing. */
export interface ExportPlan {
  readonly destination: string;
  /** The zip's path inside the destination, when zipping. */
  readonly zipPath: string | null;
  readonly zipAction: ExportAction | null;
  readonly manifestPath: string;
  readonly entries: readonly ExportPlanEntry[];
  readonly totalBytes: number;
  readonly failures: readonly ExportFailure[];
}

export interface ExportedFile {
  readonly logoId: string;
  readonly logoName: string;
  readonly recipe: string;
  readonly file: string;
  readonly path: string;
  /** Absolute path on disk; for zip exports, the zip's path plus `!/` and the entry. */
  readonly absolutePath: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly action: Exclude<ExportAction, 'skip'>;
}

/** An output written although it does not match its master closely enough (or another recipe warning). */
export interface ExportWarning {
  readonly logoId: string;
  readonly logoName: string;
  readonly recipe: string;
  readonly message: string;
}

export interface ExportSummary {
  readonly exportId: string;
  readonly destination: string;
  readonly zipPath: string | null;
  readonly manifestPath: string | null;
  readonly written: readonly ExportedFile[];
  readonly skipped: readonly ExportPlanEntry[];
  readonly failures: readonly ExportFailure[];
  /** Outputs flagged by their recipe: below their fidelity threshold, or something left out. */
  readonly warnings: readonly ExportWarning[];
  readonly totalBytes: number;
  readonly durationMs: number;
  /** Set when this run finished an interrupted export: when that one started, and how many of its files were kept. */
  readonly resumed: { readonly startedAt: string; readonly kept: number } | null;
}

/** A folder export into this folder that stopped before it finished (the app or the command was killed). */
export interface InterruptedExportInfo {
  readonly destination: string;
  readonly startedAt: string;
  /** Files it was to write, its manifest not counted. */
  readonly files: number;
}

/** A zip built for the browser: fetch `url` (an attachment) while it lasts (an hour). */
export interface ExportDownload {
  readonly exportId: string;
  readonly url: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly summary: ExportSummary;
}

export type ExportPhase = 'producing' | 'writing' | 'verifying' | 'done';

export interface ExportProgress {
  readonly exportId: string;
  readonly phase: ExportPhase;
  readonly done: number;
  readonly total: number;
  /** What was just finished, for the status line. */
  readonly current: string | null;
}

/**
 * The Export screen's choices, remembered per library (in its settings) so they survive a reload:
 * the recipes with their options, the folder, the naming template, the conflict mode and zip.
 */
export const exportChoices = z
  .object({
    recipes: z
      .record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'not a recipe id'), z.record(z.string(), z.unknown()))
      .refine((recipes) => Object.keys(recipes).length <= 50, 'at most 50 recipes'),
    // Empty until a folder is chosen; checked when an export runs, not here.
    destination: z.string().max(4096),
    template: z.string().min(1).max(300),
    conflict: z.enum(CONFLICT_MODES),
    zip: z.boolean(),
  })
  .strict();
export type ExportChoices = z.output<typeof exportChoices>;

export const exportsMethods = {
  'exports.choices': method<ExportChoices | null>()({
    summary: 'The Export screen choices last used with this library, or null before the first.',
    access: 'write',
    input: z.object({}).strict(),
  }),
  'exports.saveChoices': method<ExportChoices>()({
    summary: 'Remembers the Export screen choices for this library.',
    access: 'write',
    input: exportChoices,
  }),
  'exports.preview': method<ExportPlan>()({
    summary:
      'The exact tree an export would write (recipes are produced into the cache; nothing is written to the destination).',
    // Write access: it probes paths on this machine and runs recipes.
    access: 'write',
    input: exportRequest,
  }),
  'exports.run': method<ExportSummary>()({
    summary: 'Writes logos x recipes into a folder (or one zip) atomically, with a verified manifest.json.',
    access: 'write',
    input: exportRequest,
  }),
  'exports.download': method<ExportDownload>()({
    summary: 'Browser mode: builds the batch as one zip (with its manifest) and returns the URL to download it from.',
    access: 'write',
    input: exportDownloadRequest,
  }),
  'exports.interrupted': method<InterruptedExportInfo | null>()({
    summary:
      'The folder export into this folder that was interrupted (its process died), if any: running the same export again resumes it.',
    // Write access: it probes paths on this machine.
    access: 'write',
    input: z.object({ destination: exportDestination }).strict(),
  }),
  'exports.cancel': method<{ readonly cancelled: boolean }>()({
    summary:
      'Stops a running export or preview by the id of its progress events; what was written stays, listed in the manifest.',
    access: 'write',
    input: z.object({ exportId: z.string().uuid() }).strict(),
  }),
} as const;

export const exportsEvents = {
  // Write access: file names being written on this machine are not the teammates' business.
  'exports.progress': event<ExportProgress>(
    'Progress of a running export: producing, writing, verifying, done.',
    'write',
  ),
} as const;
