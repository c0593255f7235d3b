import { z } from 'zod';
import { method } from './define.ts';
import { libraryQuery } from './library.ts';

export const smartCollectionId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a smart collection id');
const smartCollectionName = z.string().trim().min(1, 'empty name').max(200);

/**
 * What a smart collection saves: the whole library query except paging and the Trash. Derived
 * from `libraryQuery`, so a filter added to the query is saved (and validated) without a change here.
 */
export const savedQuery = libraryQuery.omit({ offset: true, limit: true, trashed: true });

export type SavedQuery = z.output<typeof savedQuery>;

/** A saved search: clicking it applies the query; its count follows the library live. */
export interface SmartCollection {
  readonly id: string;
  readonly name: string;
  readonly query: SavedQuery;
  /** Logos the query matches now (not in the Trash). */
  readonly logoCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const smartCollectionMethods = {
  'smartCollections.list': method<readonly SmartCollection[]>()({
    summary: 'Every smart collection (saved search), by name, with how many logos each matches now.',
    access: 'read',
    input: z.object({}).strict(),
  }),
  'smartCollections.create': method<SmartCollection>()({
    summary: 'Save a search as a smart collection (names are unique, ignoring case).',
    access: 'write',
    input: z.object({ name: smartCollectionName, query: savedQuery }).strict(),
  }),
  'smartCollections.rename': method<SmartCollection>()({
    summary: 'Rename a smart collection.',
    access: 'write',
    input: z.object({ id: smartCollectionId, name: smartCollectionName }).strict(),
  }),
  'smartCollections.delete': method<{ readonly deleted: boolean }>()({
    summary: 'Delete a smart collection; no logo changes.',
    access: 'write',
    input: z.object({ id: smartCollectionId }).strict(),
  }),
} as const;
