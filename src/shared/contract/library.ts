import { z } from 'zod';
import { LOGO_FORMATS, type ImportReport, type Logo, type Page } from '../domain.ts';
import { method } from './define.ts';

export const logoId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a logo id');

export const librarySort = z.enum(['name', 'importedAt', 'byteSize']);

export const libraryQuery = z
  .object({
    search: z.string().max(200).optional(),
    format: z.enum(LOGO_FORMATS).optional(),
    kind: z.enum(['vector', 'raster']).optional(),
    tag: z.string().max(100).optional(),
    favorite: z.boolean().optional(),
    trashed: z.boolean().optional(),
    sort: librarySort.default('importedAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export type LibraryQuery = z.input<typeof libraryQuery>;

export const libraryMethods = {
  'library.import': method<ImportReport>()({
    summary: 'Import files and folders by path; each file is reported as imported, duplicate or failed.',
    access: 'write',
    input: z
      .object({
        paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
        tags: z.array(z.string().min(1).max(100)).max(50).optional(),
      })
      .strict(),
  }),
  'library.list': method<Page<Logo>>()({
    summary: 'A page of logos matching a query, with the total count.',
    access: 'read',
    input: libraryQuery,
  }),
  'library.get': method<Logo>()({
    summary: 'One logo by id.',
    access: 'read',
    input: z.object({ id: logoId }).strict(),
  }),
} as const;
