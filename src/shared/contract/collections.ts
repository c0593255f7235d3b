import { z } from 'zod';
import { method } from './define.ts';
import { logoId } from './library.ts';

export const collectionId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a collection id');
const collectionName = z.string().trim().min(1, 'empty name').max(200);

/** A named group of logos; a logo can be in many. Collections nest (a parent holds children). */
export interface Collection {
  readonly id: string;
  readonly name: string;
  /** The collection it sits in; null at the top level. */
  readonly parentId: string | null;
  /** Logos in it that are not in the Trash (its own, not its children's). */
  readonly logoCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const collectionMethods = {
  'collections.list': method<readonly Collection[]>()({
    summary: 'Every collection, by name, with its parent and how many logos each holds.',
    access: 'read',
    input: z.object({}).strict(),
  }),
  'collections.forLogo': method<readonly Collection[]>()({
    summary: 'The collections that hold a logo, by name.',
    access: 'read',
    input: z.object({ logoId }).strict(),
  }),
  'collections.create': method<Collection>()({
    summary: 'Create a collection, at the top or inside another (names are unique among siblings, ignoring case).',
    access: 'write',
    input: z.object({ name: collectionName, parentId: collectionId.nullable().optional() }).strict(),
  }),
  'collections.rename': method<Collection>()({
    summary: 'Rename a collection.',
    access: 'write',
    input: z.object({ id: collectionId, name: collectionName }).strict(),
  }),
  'collections.move': method<Collection>()({
    summary: 'Put a collection inside another (or at the top with null); never inside itself.',
    access: 'write',
    input: z.object({ id: collectionId, parentId: collectionId.nullable() }).strict(),
  }),
  'collections.delete': method<{ readonly deleted: boolean }>()({
    summary:
      'Delete a collection and its sub-collections; their logos stay in the library. Restorable until the app restarts.',
    access: 'write',
    input: z.object({ id: collectionId }).strict(),
  }),
  'collections.restore': method<Collection>()({
    summary: 'Bring back a collection deleted in this session, with its sub-collections and logos (Undo).',
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
