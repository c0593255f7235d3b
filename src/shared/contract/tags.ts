import { z } from 'zod';
import { method } from './define.ts';
import { tagName } from './library.ts';

/** A tag in use, with how many logos (not in the Trash) carry it. */
export interface TagCount {
  readonly tag: string;
  readonly logoCount: number;
}

/** What a tag rename or delete touched, so the client can offer Undo. */
export interface TagChange {
  /** Logos that carried the old tag (live and trashed). */
  readonly logoIds: readonly string[];
  /** Of those, the ones that already carried the new tag (a merge): Undo must leave it on them. */
  readonly alreadyTagged: readonly string[];
}

export const tagMethods = {
  'tags.list': method<readonly TagCount[]>()({
    summary: 'Every tag in use, by name, with its count of logos.',
    access: 'read',
    input: z.object({}).strict(),
  }),
  'tags.rename': method<TagChange>()({
    summary: 'Rename a tag on every logo; renaming onto an existing tag merges the two.',
    access: 'write',
    input: z.object({ from: tagName, to: tagName }).strict(),
  }),
  'tags.delete': method<TagChange>()({
    summary: 'Remove a tag from every logo.',
    access: 'write',
    input: z.object({ tag: tagName }).strict(),
  }),
} as const;
