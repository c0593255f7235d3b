import { z } from 'zod';
import type { ImportReport } from '../domain.ts';
import { event, method } from './define.ts';
import { jobId } from './jobs.ts';
import { logoId } from './library.ts';

/**
 * A file the designer can hand to another app: a logo's original, or one file of a recipe output
 * (`file` is the path the job recorded, e.g. `favicon/favicon.ico`).
 */
export const fileRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('original'), id: logoId }).strict(),
  z.object({ kind: z.literal('output'), id: jobId, file: z.string().min(1).max(1024) }).strict(),
]);
export type FileRef = z.infer<typeof fileRef>;

/** Where a file sits on this computer, under its own name, and its download URL (browser fallback). */
export interface LocatedFile {
  readonly ref: FileRef;
  /** A copy under the file's real name in `<data folder>/handout` (the store names files by hash). */
  readonly path: string;
  readonly filename: string;
  readonly mime: string;
  /** `/media/…`: what a browser downloads instead. */
  readonly url: string;
}

/** How a file action was carried out: by the desktop shell, or left to the caller as a download. */
export interface FileActionReply {
  readonly done: 'desktop' | 'download';
  readonly url: string;
}

/** Files opened with Marque (Finder/Explorer, the dock, a second launch) and what became of them. */
export interface OpenedFiles {
  readonly id: string;
  readonly at: string;
  readonly report: ImportReport;
}

export const desktopMethods = {
  'files.locate': method<{ readonly files: readonly LocatedFile[] }>()({
    summary:
      'Paths on this computer (real file names) of logos’ originals or output files, for drag-out and copy path.',
    access: 'write',
    input: z.object({ items: z.array(fileRef).min(1).max(500) }).strict(),
  }),
  'files.open': method<FileActionReply>()({
    summary: 'Open a file in its default app (desktop); elsewhere the reply says to download it.',
    access: 'write',
    input: z.object({ item: fileRef }).strict(),
  }),
  'files.reveal': method<FileActionReply>()({
    summary: 'Show a file in Finder/Explorer (desktop); elsewhere the reply says to download it.',
    access: 'write',
    input: z.object({ item: fileRef }).strict(),
  }),
  'app.openFiles': method<OpenedFiles>()({
    summary:
      'Import files opened with Marque, through the same import as drag-and-drop; the report is sent as an event.',
    access: 'write',
    input: z
      .object({
        paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
      })
      .strict(),
  }),
  'app.openedFiles': method<readonly OpenedFiles[]>()({
    summary: 'Reports of opened files no window has shown yet (files opened while the app was starting).',
    access: 'write',
    input: z.object({}).strict(),
  }),
  'app.ackOpenedFiles': method<{ readonly acknowledged: number }>()({
    summary: 'Mark reports of opened files as shown.',
    access: 'write',
    input: z.object({ ids: z.array(z.string().max(64)).min(1).max(100) }).strict(),
  }),
  'app.logError': method<{ readonly logged: true }>()({
    summary: 'Record a failure the window caught (a screen that crashed) in the log, for a bug report.',
    access: 'write',
    input: z
      .object({
        where: z.string().min(1).max(100),
        /** 'warn' for a failure the window worked around (an optional panel left empty). */
        level: z.enum(['warn', 'error']).default('error'),
        message: z.string().max(2000),
        stack: z.string().max(20_000).optional(),
        componentStack: z.string().max(20_000).optional(),
      })
      .strict(),
  }),
} as const;

export const desktopEvents = {
  'app.filesOpened': event<OpenedFiles>(
    'Files opened with Marque were imported; the window shows the report.',
    'write',
  ),
  'app.command': event<{ readonly command: 'import' }>(
    'The application menu asked the window to do something (File › Import…).',
    'write',
  ),
} as const;
