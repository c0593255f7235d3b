import { z } from 'zod';
import { BACKGROUND_SETTINGS, type LogoArtwork } from '../artwork.ts';
import { parseHex, toHex } from '../colour.ts';
import { type ImportReport, LOGO_FORMATS, type Logo, type Page } from '../domain.ts';
import type { Palette } from '../palette.ts';
import { method } from './define.ts';

export const logoId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a logo id');
const logoIds = z.array(logoId).min(1).max(10_000);

export const librarySort = z.enum(['name', 'importedAt', 'byteSize', 'rating']);

/** A logo's star rating: 0 (unrated) to 5. */
export const rating = z.number().int().min(0).max(5);

/** A calendar day, 'YYYY-MM-DD' (the designer's day; compared with the import time's date part). */
export const calendarDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'not a YYYY-MM-DD date');

/** '#rrggbb' or '#rgb' (the '#' optional on input), normalised to lower-case '#rrggbb'. */
export const hexColor = z
  .string()
  .regex(/^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'not a #rrggbb or #rgb colour')
  .transform((hex) => toHex(parseHex(hex) ?? [0, 0, 0]));

/** Colour search tolerance (Delta E CIE76) when the query names none: close shades of one brand colour. */
export const DEFAULT_COLOR_TOLERANCE = 12;

/** A tag as typed: surrounding space trimmed, inner runs of space collapsed. */
export const tagName = z
  .string()
  .transform((tag) => tag.trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, 'empty tag').max(100));

export const libraryQuery = z
  .object({
    search: z.string().max(200).optional(),
    format: z.enum(LOGO_FORMATS).optional(),
    kind: z.enum(['vector', 'raster']).optional(),
    tag: z.string().max(100).optional(),
    collection: z.string().max(64).optional(),
    favorite: z.boolean().optional(),
    trashed: z.boolean().optional(),
    /** Logos with a palette colour within `colorTolerance` (Delta E CIE76) of this one. */
    color: hexColor.optional(),
    /** Logos rated at least this many stars. */
    minRating: rating.optional(),
    /** Logos imported on or after this day. */
    importedFrom: calendarDay.optional(),
    /** Logos imported on or before this day. */
    importedTo: calendarDay.optional(),
    colorTolerance: z.number().min(0).max(100).default(DEFAULT_COLOR_TOLERANCE),
    sort: librarySort.default('importedAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export type LibraryQuery = z.input<typeof libraryQuery>;

/** One master of a logo: the current one or an older one kept when the master was replaced. */
export interface LogoVersion {
  readonly version: number;
  readonly current: boolean;
  readonly hash: string;
  readonly format: Logo['format'];
  readonly isVector: boolean;
  readonly width: number;
  readonly height: number;
  readonly hasAlpha: boolean;
  readonly byteSize: number;
  readonly sourcePath: string | null;
  /** When this master became the logo's master. */
  readonly createdAt: string;
  /** When a newer master replaced it; null for the current one. */
  readonly replacedAt: string | null;
}

export interface EmptyTrashReport {
  readonly purgedLogos: number;
  /** Stored originals removed because no other logo or version used them. */
  readonly purgedOriginals: number;
  readonly freedBytes: number;
}

/** Logos that are the same file or look the same; the oldest import comes first. */
export interface DuplicateGroup {
  /** 'identical': the same bytes (master or kept source); 'similar': a few bits apart in perceptual hash. */
  readonly kind: 'identical' | 'similar';
  /** Largest perceptual-hash distance (bits of 256) between the group's first logo and the others. */
  readonly distance: number;
  readonly logos: readonly Logo[];
}

export interface DuplicateReport {
  readonly groups: readonly DuplicateGroup[];
  /** Logos compared (not in the Trash). */
  readonly checked: number;
  /** Logos whose look could not be measured (no readable master or thumbnail); compared by bytes only. */
  readonly unmeasured: number;
}

/** What importing an Eagle library did, beside the usual import report of its image files. */
export interface EagleImportReport {
  readonly report: ImportReport;
  /** Collections made from the library's folders (nested where Eagle nested them). */
  readonly collections: number;
  /** Logos that got a star rating from Eagle. */
  readonly rated: number;
  /** Items Eagle had in its own trash, left out. */
  readonly skippedTrashed: number;
}

/** A file the renderer holds as bytes (a paste from the clipboard): its name and base64 content. */
export const fileBytes = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    /** At most 12 MB of file (16 MB of base64, inside the HTTP transport's JSON cap); pasted logos are far smaller. */
    base64: z
      .string()
      .min(1)
      .max(16 * 1024 * 1024)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
  })
  .strict();

export const paletteColorInput = z
  .object({
    hex: hexColor,
    share: z.number().min(0).max(1).default(0),
    name: z.string().trim().max(100).optional(),
  })
  .strict();

export const libraryMethods = {
  'library.import': method<ImportReport>()({
    summary: 'Import files and folders by path; each file is reported as imported, duplicate or failed.',
    access: 'write',
    input: z
      .object({
        paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
        tags: z.array(tagName).max(50).optional(),
        /** Keep each file's untouched bytes too (served as media kind 'source'); the master is always sanitized. */
        keepSource: z.boolean().optional(),
      })
      .strict(),
  }),
  'library.importBytes': method<ImportReport>()({
    summary: 'Import one file given as bytes (a paste from the clipboard: an image or SVG text), through the intake.',
    access: 'write',
    input: fileBytes,
  }),
  'library.importEagle': method<EagleImportReport>()({
    summary:
      'Import an Eagle library (a .library folder): every image with its name, tags, notes, star rating and URL, and its folders as collections.',
    access: 'write',
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
  }),
  'library.duplicates': method<DuplicateReport>()({
    summary:
      'Groups of logos that are byte-identical or look nearly identical (perceptual hashes within maxDistance bits of 256).',
    // Write: it measures logos imported before perceptual hashes and stores what it measured.
    access: 'write',
    input: z.object({ maxDistance: z.number().int().min(0).max(15).default(8) }).strict(),
  }),
  'library.list': method<Page<Logo>>()({
    summary: 'A page of logos matching a query (text, filters, colour), with the total count.',
    access: 'read',
    input: libraryQuery,
  }),
  'library.get': method<Logo>()({
    summary: 'One logo by id.',
    access: 'read',
    input: z.object({ id: logoId }).strict(),
  }),
  'library.update': method<Logo>()({
    summary: 'Rename a logo, edit its notes or mark it favourite.',
    access: 'write',
    input: z
      .object({
        id: logoId,
        name: z.string().trim().min(1).max(200).optional(),
        notes: z.string().max(10_000).optional(),
        favorite: z.boolean().optional(),
      })
      .strict(),
  }),
  'library.tag': method<{ readonly updated: number }>()({
    summary: 'Add tags to many logos.',
    access: 'write',
    input: z.object({ ids: logoIds, tags: z.array(tagName).min(1).max(50) }).strict(),
  }),
  'library.untag': method<{ readonly updated: number }>()({
    summary: 'Remove tags from many logos.',
    access: 'write',
    input: z.object({ ids: logoIds, tags: z.array(tagName).min(1).max(50) }).strict(),
  }),
  'library.rate': method<{ readonly updated: number }>()({
    summary: 'Set the star rating (0-5, 0 clears it) of many logos.',
    access: 'write',
    input: z.object({ ids: logoIds, rating }).strict(),
  }),
  'library.delete': method<{ readonly trashed: number }>()({
    summary: 'Move logos to the Trash (restorable until the Trash is emptied).',
    access: 'write',
    input: z.object({ ids: logoIds }).strict(),
  }),
  'library.restore': method<{ readonly restored: number }>()({
    summary: 'Bring logos back from the Trash.',
    access: 'write',
    input: z.object({ ids: logoIds }).strict(),
  }),
  'library.emptyTrash': method<EmptyTrashReport>()({
    summary: 'Delete trashed logos for good, with stored originals no other logo or version uses.',
    access: 'write',
    input: z.object({}).strict(),
  }),
  'library.replaceMaster': method<Logo>()({
    summary: "Replace a logo's master with a new file (through the intake); the older master is kept as a version.",
    access: 'write',
    input: z.object({ id: logoId, path: z.string().min(1).max(4096) }).strict(),
  }),
  'library.versions': method<readonly LogoVersion[]>()({
    summary: "A logo's masters, newest first; the first is the current one.",
    access: 'read',
    input: z.object({ id: logoId }).strict(),
  }),
  'library.palette': method<Palette | null>()({
    summary: "A logo's palette (extracted or set by the designer), or null when it has none yet.",
    access: 'read',
    input: z.object({ id: logoId }).strict(),
  }),
  'library.setPalette': method<Palette>()({
    summary: "Set a logo's palette by hand; locked palettes are kept when the palette is extracted again.",
    access: 'write',
    input: z
      .object({ id: logoId, colors: z.array(paletteColorInput).max(64), locked: z.boolean().default(true) })
      .strict(),
  }),
  'library.artwork': method<LogoArtwork>()({
    summary:
      "How a logo's artwork is read: its background override and one-colour threshold, and the last background decision (null until one is made).",
    access: 'read',
    input: z.object({ id: logoId }).strict(),
  }),
  'library.setArtwork': method<{ readonly updated: number }>()({
    summary:
      'Override how logos are read: background auto / keep / remove / full-bleed, and the one-colour threshold (L* 0-100, null for the default). Outputs are made again.',
    access: 'write',
    input: z
      .object({
        ids: logoIds,
        background: z.enum(BACKGROUND_SETTINGS).optional(),
        threshold: z.number().min(0).max(100).nullable().optional(),
      })
      .strict()
      .refine((value) => value.background !== undefined || value.threshold !== undefined, {
        message: 'give background or threshold',
      }),
  }),
} as const;
