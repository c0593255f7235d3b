/**
 * Every method and event name of the contract as plain strings, and nothing else: the preload
 * imports only this (no zod, no schemas), so its bundle stays small. A test checks the lists
 * against the contract in both directions; a method added there must be added here too.
 */
export const METHOD_NAMES = [
  'app.info',
  'app.openFiles',
  'app.openedFiles',
  'app.ackOpenedFiles',
  'app.logError',
  'files.locate',
  'files.open',
  'files.reveal',
  'library.import',
  'library.importBytes',
  'library.importEagle',
  'library.duplicates',
  'library.list',
  'library.get',
  'library.update',
  'library.tag',
  'library.untag',
  'library.rate',
  'library.delete',
  'library.restore',
  'library.emptyTrash',
  'library.replaceMaster',
  'library.versions',
  'library.palette',
  'library.setPalette',
  'library.artwork',
  'library.proof',
  'library.setArtwork',
  'collections.list',
  'collections.create',
  'collections.rename',
  'collections.delete',
  'collections.addLogos',
  'collections.removeLogos',
  'collections.forLogo',
  'collections.move',
  'collections.restore',
  'smartCollections.list',
  'smartCollections.create',
  'smartCollections.rename',
  'smartCollections.delete',
  'tags.list',
  'tags.rename',
  'tags.delete',
  'activity.list',
  'activity.size',
  'activity.setRetention',
  'storage.stats',
  'storage.health',
  'storage.clear',
  'storage.setCap',
  'jobs.enqueue',
  'jobs.list',
  'jobs.get',
  'jobs.cancel',
  'jobs.retry',
  'jobs.retryFailed',
  'jobs.clearFinished',
  'jobs.outputs',
  'jobs.poolSettings',
  'jobs.setWorkers',
  'share.status',
  'share.start',
  'share.stop',
  'share.rotateToken',
  'exports.choices',
  'exports.saveChoices',
  'exports.preview',
  'exports.run',
  'exports.download',
  'exports.cancel',
  'exports.interrupted',
  'print.status',
  'print.configure',
  'print.addProfile',
  'print.removeProfile',
  'print.addSwatchBook',
  'print.logoInks',
  'print.setLogoInks',
  'print.previewInks',
  'print.removeSwatchBook',
  'favicon.preview',
] as const;

export const EVENT_NAMES = [
  'library.changed',
  'jobs.changed',
  'share.changed',
  'exports.progress',
  'app.filesOpened',
  'app.command',
] as const;

export type MethodNameLiteral = (typeof METHOD_NAMES)[number];
export type EventNameLiteral = (typeof EVENT_NAMES)[number];

const methodSet: ReadonlySet<string> = new Set(METHOD_NAMES);
const eventSet: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isMethodName(name: string): name is MethodNameLiteral {
  return methodSet.has(name);
}

export function isEventName(name: string): name is EventNameLiteral {
  return eventSet.has(name);
}
