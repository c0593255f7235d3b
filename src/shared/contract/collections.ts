import { z } from 'zod';
import { method } from './define.ts';
import { logoId } from './library.ts';

export const collectionId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a collection id');
const collectionName = z.string().trim().min(1, 'empty name').max(200);

/** A named group of logos; a logo can be in many. */
export interface Collection {
  readonly id: string;
  readonly name: string;
  /** Logos in it that are not in the Trash. */
  readonly logoCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const collectionMethods = {
  'collections.list': method<readonly Collection[]>()({
    summary: 'Every collection, by name, with how many logos each holds.',
    access: 'read',
    input: z.object({}).strict(),
  }),
  'collections.create': method<Collection>()({
    summary: 'Create a collection (names are unique, ignoring case).',
    access: 'write',
    input: z.object({ name: collectionName }).strict(),
  }),
  'collections.rename': method<Collection>()({
    summary: 'Rename a collection.',
    access: 'write',
    input: z.object({ id: collectionId, name: collectionName }).strict(),
  }),
  'collections.delete': method<{ readonly deleted: boolean }>()({
    summary: 'Delete a collection; its logos stay in the library.',
    access: 'write',
    input: z.object({ id: collectionId }).strict(),
  }),
  'collections.addLogos': method<Collection>()({
    summary: 'Put logos in a collection.',
    access: 'write',
    input: z.object({ id: collectionId, logoIds: z.array(logoId).min(1).max(10_000) }).strict(),
  }),
  'collections.removeLogos': method<Collection>()({
    summary: 'Take logos out of a collection.',
    access: 'write',
    input: z.object({ id: collectionId, logoIds: z.array(logoId).min(1).max(10_000) }).strict(),
  }),
} as const;
