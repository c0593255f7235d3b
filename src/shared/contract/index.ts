/**
 * The Marque contract: every method and event, declared once.
 * The IPC binding, the preload allowlist, the HTTP routes and the renderer client all derive
 * from these objects; nothing restates a method name by hand.
 */
import type { z } from 'zod';
import type { LibraryChange } from '../domain.ts';
import { activityMethods } from './activity.ts';
import { appMethods } from './app.ts';
import { collectionMethods } from './collections.ts';
import type { CallContext, EventSpec, MethodSpec } from './define.ts';
import { event } from './define.ts';
import { desktopEvents, desktopMethods } from './desktop.ts';
import { exportsEvents, exportsMethods } from './exports.ts';
import { faviconMethods } from './favicon.ts';
import { type JobsChange, jobsMethods } from './jobs.ts';
import { libraryMethods } from './library.ts';
import { printMethods } from './print.ts';
import { proofMethods } from './proof.ts';
import { type ShareStatus, shareMethods } from './share.ts';
import { smartCollectionMethods } from './smart-collections.ts';
import { storageMethods } from './storage.ts';
import { tagMethods } from './tags.ts';

export type { Access, CallContext, EventSpec, MethodSpec } from './define.ts';
export { type LibraryQuery, libraryQuery, logoId } from './library.ts';

export const methods = {
  ...appMethods,
  ...libraryMethods,
  ...collectionMethods,
  ...smartCollectionMethods,
  ...tagMethods,
  ...activityMethods,
  ...storageMethods,
  ...jobsMethods,
  ...shareMethods,
  ...exportsMethods,
  ...printMethods,
  ...faviconMethods,
  ...proofMethods,
  ...desktopMethods,
} as const;

export const events = {
  'library.changed': event<LibraryChange>('Logos were imported, edited, deleted or restored.'),
  'jobs.changed': event<JobsChange>('Jobs were queued, progressed, finished, cancelled or cleared.'),
  'share.changed': event<ShareStatus>('The share started, stopped, rotated its token or saw a client.', 'write'),
  ...exportsEvents,
  ...desktopEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Events = typeof events;
export type EventName = keyof Events;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

/** What a caller sends (defaults may be omitted). */
export type InputOf<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type ParsedInputOf<M extends MethodName> = z.output<Methods[M]['input']>;
export type ReplyOf<M extends MethodName> = Methods[M] extends MethodSpec<z.ZodType, infer R> ? R : never;
export type PayloadOf<E extends EventName> = Events[E] extends EventSpec<infer P> ? P : never;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** A service-side implementation of every method. */
export type Handlers = {
  readonly [M in MethodName]: (input: ParsedInputOf<M>, context: CallContext) => Promise<ReplyOf<M>>;
};

/** Methods a teammate share may answer: derived from `access`, never listed by hand. */
export const readOnlyMethodNames = methodNames.filter((name) => methods[name].access === 'read');

/** Events a teammate share may receive. */
export const readOnlyEventNames = eventNames.filter((name) => events[name].access === 'read');

/** Media served next to the contract: thumbnails, previews and original downloads, by logo id. */
export const MEDIA_KINDS = ['thumb', 'preview', 'original', 'source', 'output'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
